/** Rendering of the S3 XML documents the emulator answers with. */
import type { ListPage } from "./s3-emulator.list.ts";

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\r": "&#13;",
};

export function xmlEscape(value: string): string {
  return value.replace(/[&<>"'\r]/g, (c) => ESCAPES[c]!);
}

export function el(name: string, value: string | number | boolean): string {
  return `<${name}>${xmlEscape(String(value))}</${name}>`;
}

export function errorXml(
  code: string,
  message: string,
  details: Record<string, string>,
  requestId: string,
  hostId: string,
): string {
  let body = `${XML_DECLARATION}<Error>${el("Code", code)}${el("Message", message)}`;
  for (const [name, value] of Object.entries(details)) body += el(name, value);
  return `${body}${el("RequestId", requestId)}${el("HostId", hostId)}</Error>`;
}

export interface ListedObject {
  key: string;
  lastModified: Date;
  etag: string;
  size: number;
  storageClass: string;
}

export const OWNER = {
  id: "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a",
  displayName: "driftwatch-emulator",
};

function ownerXml(): string {
  return `<Owner>${el("ID", OWNER.id)}${el("DisplayName", OWNER.displayName)}</Owner>`;
}

function contentsXml(o: ListedObject, encode: (s: string) => string, withOwner: boolean): string {
  return (
    `<Contents>${el("Key", encode(o.key))}${el("LastModified", o.lastModified.toISOString())}` +
    `${el("ETag", o.etag)}${el("Size", o.size)}${withOwner ? ownerXml() : ""}${el("StorageClass", o.storageClass)}</Contents>`
  );
}

function prefixesXml(page: ListPage, encode: (s: string) => string): string {
  let out = "";
  for (const p of page.commonPrefixes) out += `<CommonPrefixes>${el("Prefix", encode(p))}</CommonPrefixes>`;
  return out;
}

export interface ListV2Render {
  bucket: string;
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  startAfter?: string;
  continuationToken?: string;
  nextContinuationToken?: string;
  encodingType?: string;
  fetchOwner: boolean;
  page: ListPage;
  objects: ListedObject[];
}

export function listV2Xml(r: ListV2Render, encode: (s: string) => string): string {
  let body = `${XML_DECLARATION}<ListBucketResult ${NS}>${el("Name", r.bucket)}${el("Prefix", encode(r.prefix))}`;
  if (r.startAfter !== undefined) body += el("StartAfter", encode(r.startAfter));
  if (r.continuationToken !== undefined) body += el("ContinuationToken", r.continuationToken);
  if (r.nextContinuationToken !== undefined) body += el("NextContinuationToken", r.nextContinuationToken);
  body += el("KeyCount", r.page.keys.length + r.page.commonPrefixes.length);
  body += el("MaxKeys", r.maxKeys);
  if (r.delimiter !== undefined) body += el("Delimiter", encode(r.delimiter));
  if (r.encodingType !== undefined) body += el("EncodingType", r.encodingType);
  body += el("IsTruncated", r.page.isTruncated);
  const parts: string[] = [body];
  for (const o of r.objects) parts.push(contentsXml(o, encode, r.fetchOwner));
  parts.push(prefixesXml(r.page, encode), "</ListBucketResult>");
  return parts.join("");
}

export interface ListV1Render {
  bucket: string;
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  marker: string;
  nextMarker?: string;
  encodingType?: string;
  page: ListPage;
  objects: ListedObject[];
}

export function listV1Xml(r: ListV1Render, encode: (s: string) => string): string {
  let body = `${XML_DECLARATION}<ListBucketResult ${NS}>${el("Name", r.bucket)}${el("Prefix", encode(r.prefix))}`;
  body += el("Marker", encode(r.marker));
  if (r.nextMarker !== undefined) body += el("NextMarker", encode(r.nextMarker));
  body += el("MaxKeys", r.maxKeys);
  if (r.delimiter !== undefined) body += el("Delimiter", encode(r.delimiter));
  if (r.encodingType !== undefined) body += el("EncodingType", r.encodingType);
  body += el("IsTruncated", r.page.isTruncated);
  const parts: string[] = [body];
  for (const o of r.objects) parts.push(contentsXml(o, encode, true));
  parts.push(prefixesXml(r.page, encode), "</ListBucketResult>");
  return parts.join("");
}

export function listBucketsXml(buckets: Array<{ name: string; createdAt: Date; region: string }>): string {
  let body = `${XML_DECLARATION}<ListAllMyBucketsResult ${NS}>${ownerXml()}<Buckets>`;
  for (const b of buckets) {
    body += `<Bucket>${el("Name", b.name)}${el("CreationDate", b.createdAt.toISOString())}${el("BucketRegion", b.region)}</Bucket>`;
  }
  return `${body}</Buckets></ListAllMyBucketsResult>`;
}

export function locationXml(region: string): string {
  // us-east-1 is the one region S3 reports as an empty constraint.
  const value = region === "us-east-1" ? "" : xmlEscape(region);
  return `${XML_DECLARATION}<LocationConstraint ${NS}>${value}</LocationConstraint>`;
}

export function deleteResultXml(
  deleted: string[],
  errors: Array<{ key: string; code: string; message: string }>,
): string {
  let body = `${XML_DECLARATION}<DeleteResult ${NS}>`;
  for (const key of deleted) body += `<Deleted>${el("Key", key)}</Deleted>`;
  for (const e of errors)
    body += `<Error>${el("Key", e.key)}${el("Code", e.code)}${el("Message", e.message)}</Error>`;
  return `${body}</DeleteResult>`;
}

function xmlUnescape(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e === "amp") return "&";
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    const code = e.startsWith("#x") ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/**
 * The text of every `<name>` element of a small, fixed-shape request document (DeleteObjects,
 * CreateBucketConfiguration). Not a general XML parser: no attributes on these elements, no CDATA.
 */
export function elementTexts(xml: string, name: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>|<${name}(?:\\s[^>]*)?/>`, "g");
  for (const m of xml.matchAll(re)) out.push(xmlUnescape(m[1] ?? ""));
  return out;
}
