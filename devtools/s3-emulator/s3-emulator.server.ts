/**
 * An S3-protocol server on loopback for tests, the demo and the benchmarks: the real AWS SDK talks to it
 * unchanged (path-style). Every request is SigV4-verified against the configured key pairs; faults can be
 * injected per operation; a clock controls LastModified and signature time checks.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseQueryString } from "../sigv4/sigv4.parse.ts";
import type { QueryBag, SigV4Success } from "../sigv4/sigv4.types.ts";
import { verifySigV4 } from "../sigv4/sigv4.verify.ts";
import { putObject } from "./put-object.ts";
import { createProgrammaticApi } from "./s3-emulator.api.ts";
import {
  createBucket,
  deleteBucket,
  getBucketLocation,
  headBucket,
  listBuckets,
} from "./s3-emulator.bucket-ops.ts";
import type { OpContext, Reply } from "./s3-emulator.context.ts";
import { S3Error } from "./s3-emulator.errors.ts";
import { listObjectsV1, listObjectsV2, listPrefix } from "./s3-emulator.list-ops.ts";
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  MultipartUploads,
  uploadPart,
} from "./s3-emulator.multipart.ts";
import { deleteObject, deleteObjects, getObject } from "./s3-emulator.object-ops.ts";
import { ACTIONS, type Route, routeRequest } from "./s3-emulator.routes.ts";
import { S3Store } from "./s3-emulator.store.ts";
import type {
  Authorizer,
  RequestRecord,
  S3Credentials,
  S3Emulator,
  S3EmulatorOptions,
  S3Fault,
  WriteRecord,
} from "./s3-emulator.types.ts";
import { errorXml } from "./s3-emulator.xml.ts";

const MAX_RECORDS = 10_000;
const MAX_WRITE_RECORDS = 100_000;
/** Operations whose signing region need not be the bucket's (CreateBucket and HeadBucket check it themselves). */
const ANY_REGION_OPS = new Set(["CreateBucket", "HeadBucket", "GetBucketLocation"]);

interface State {
  store: S3Store;
  clock: () => Date;
  maxKeysCap: number;
  credentials: Map<string, S3Credentials>;
  authorizer: Authorizer | undefined;
  faults: Array<S3Fault & { remaining: number }>;
  requests: RequestRecord[];
  writes: WriteRecord[];
  uploads: MultipartUploads;
}

function deniedMessage(action: string, resource: string): string {
  return `User: arn:aws:iam::000000000000:user/emulator is not authorized to perform: ${action} on resource: "${resource}" because no identity-based policy allows the ${action} action`;
}

const s3Resource = (bucket: string, key?: string) =>
  key === undefined ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`;

function takeFault(state: State, route: Route): S3Fault | undefined {
  const target = { bucket: route.bucket ?? "", key: route.key };
  for (let i = 0; i < state.faults.length; i++) {
    const f = state.faults[i]!;
    if (f.op !== route.op || (f.match && !f.match(target))) continue;
    f.remaining--;
    if (f.remaining <= 0) state.faults.splice(i, 1);
    return f;
  }
  return undefined;
}

async function dispatch(
  state: State,
  route: Route,
  req: IncomingMessage,
  query: QueryBag,
  auth: SigV4Success,
): Promise<Reply> {
  const allowed: OpContext["allowed"] = (action, target) =>
    state.authorizer === undefined ||
    state.authorizer({ accessKeyId: auth.accessKeyId, action, ...target }) === "allow";
  const ctx: OpContext = {
    req,
    query,
    store: state.store,
    auth,
    now: state.clock,
    maxKeysCap: state.maxKeysCap,
    allowed,
    demandKms(action, kmsKeyArn) {
      if (!allowed(action, { bucket: route.bucket ?? "", key: route.key, kmsKeyArn }))
        throw new S3Error("AccessDenied", deniedMessage(action, kmsKeyArn));
    },
    recordWrite(record) {
      state.writes.push({ ...record, at: state.clock() });
      if (state.writes.length > MAX_WRITE_RECORDS) state.writes.shift();
    },
  };
  const demand = (action: string, target: { bucket: string; key?: string; prefix?: string }) => {
    if (!allowed(action, target))
      throw new S3Error("AccessDenied", deniedMessage(action, s3Resource(target.bucket, target.key)));
  };

  if (route.op === "ListBuckets") {
    demand(ACTIONS.ListBuckets, { bucket: "" });
    return listBuckets(ctx);
  }
  const name = route.bucket!;
  if (route.op === "CreateBucket") {
    demand(ACTIONS.CreateBucket, { bucket: name });
    return createBucket(ctx, name);
  }
  if (route.op === "Unsupported") {
    throw new S3Error("NotImplemented", "The emulator does not implement this operation.");
  }
  const bucket = state.store.bucket(name);
  if (!bucket) throw new S3Error("NoSuchBucket", undefined, { BucketName: name });
  const bctx = { ...ctx, bucket };
  const isList = route.op === "ListObjectsV2" || route.op === "ListObjects";
  if (route.op !== "DeleteObjects") {
    demand(
      ACTIONS[route.op],
      isList ? { bucket: name, prefix: listPrefix(query) } : { bucket: name, key: route.key },
    );
  }
  const octx = { ...bctx, key: route.key ?? "" };
  switch (route.op) {
    case "ListObjectsV2":
      return listObjectsV2(bctx);
    case "ListObjects":
      return listObjectsV1(bctx);
    case "HeadBucket":
      return headBucket(bctx);
    case "GetBucketLocation":
      return getBucketLocation(bctx);
    case "DeleteBucket":
      return deleteBucket(bctx);
    case "DeleteObjects":
      return deleteObjects(bctx);
    case "GetObject":
      return getObject(octx, false);
    case "HeadObject":
      return getObject(octx, true);
    case "PutObject":
      return putObject(octx);
    case "DeleteObject":
      return deleteObject(octx);
    case "CreateMultipartUpload":
      return createMultipartUpload(octx, state.uploads);
    case "UploadPart":
      return uploadPart(octx, state.uploads);
    case "CompleteMultipartUpload":
      return completeMultipartUpload(octx, state.uploads);
    case "AbortMultipartUpload":
      return abortMultipartUpload(octx, state.uploads);
  }
}

async function sendReply(res: ServerResponse, reply: Reply, head: boolean): Promise<void> {
  res.statusCode = reply.status;
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  const body = reply.body;
  if (head || body === undefined || reply.status === 204 || reply.status === 304) {
    if (body instanceof Readable) body.destroy();
    if (body === undefined && !head && reply.status !== 204 && reply.status !== 304)
      res.setHeader("Content-Length", "0");
    res.end();
    return;
  }
  if (typeof body === "string" || Buffer.isBuffer(body)) {
    if (!res.hasHeader("Content-Length")) res.setHeader("Content-Length", Buffer.byteLength(body));
    res.end(body);
    return;
  }
  await pipeline(body, res);
}

function sendError(
  res: ServerResponse,
  err: S3Error,
  head: boolean,
  requestId: string,
  hostId: string,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = err.status;
  const region = err.details["Region"];
  if (region !== undefined) res.setHeader("x-amz-bucket-region", region);
  if (head) {
    res.end();
    return;
  }
  const body = errorXml(err.code, err.message, err.details, requestId, hostId);
  res.setHeader("Content-Type", "application/xml");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}

async function handle(state: State, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomBytes(8).toString("hex").toUpperCase();
  const hostId = randomBytes(24).toString("base64");
  res.setHeader("x-amz-request-id", requestId);
  res.setHeader("x-amz-id-2", hostId);
  res.setHeader("Date", state.clock().toUTCString());
  res.setHeader("Server", "DriftwatchS3Emulator");
  const head = req.method === "HEAD";
  const url = req.url ?? "/";
  const qmark = url.indexOf("?");
  const rawPath = qmark < 0 ? url : url.slice(0, qmark);
  const query = parseQueryString(qmark < 0 ? "" : url.slice(qmark + 1));
  const record: RequestRecord = { op: "Unsupported", status: 0 };
  let logged = false;
  const log = () => {
    if (logged) return;
    logged = true;
    state.requests.push(record);
    if (state.requests.length > MAX_RECORDS) state.requests.shift();
  };
  try {
    const route = routeRequest(req.method ?? "GET", req.headers.host, rawPath, query);
    record.op = route.op;
    if (route.bucket !== undefined) record.bucket = route.bucket;
    if (route.key !== undefined) record.key = route.key;
    const bucket = route.bucket === undefined ? undefined : state.store.bucket(route.bucket);
    const auth = await verifySigV4(
      { method: req.method ?? "GET", path: rawPath, query, headers: req.headers },
      (id) => state.credentials.get(id),
      {
        service: "s3",
        clock: state.clock,
        expectedRegion: bucket && !ANY_REGION_OPS.has(route.op) ? bucket.region : undefined,
      },
    );
    if (!auth.ok) {
      if (auth.details["AWSAccessKeyId"] !== undefined) record.accessKeyId = auth.details["AWSAccessKeyId"];
      throw new S3Error(auth.code, auth.message, auth.details, auth.status);
    }
    record.accessKeyId = auth.accessKeyId;

    const fault = takeFault(state, route);
    if (fault) {
      if (fault.before) await fault.before({ bucket: route.bucket ?? "", key: route.key });
      if (fault.dropConnection) {
        log();
        req.socket.destroy();
        return;
      }
      if (fault.status !== undefined || fault.code !== undefined)
        throw S3Error.fromFault(fault.code, fault.status, fault.message);
    }
    const reply = await dispatch(state, route, req, query, auth);
    record.status = reply.status;
    log();
    await sendReply(res, reply, head);
  } catch (err) {
    const e = err instanceof S3Error ? err : new S3Error("InternalError");
    if (!(err instanceof S3Error))
      process.stderr.write(`s3-emulator: internal error: ${(err as Error)?.stack ?? err}\n`);
    if (!logged) {
      record.status = e.status;
      record.code = e.code;
      log();
    }
    sendError(res, e, head, requestId, hostId);
  }
}

export async function startS3Emulator(options: S3EmulatorOptions = {}): Promise<S3Emulator> {
  const host = options.host ?? "127.0.0.1";
  const region = options.region ?? "us-east-1";
  const state: State = {
    store: new S3Store(options.persistDir),
    clock: options.clock ?? (() => new Date()),
    maxKeysCap: options.maxKeysCap ?? 1000,
    credentials: new Map((options.credentials ?? []).map((c) => [c.accessKeyId, { ...c }])),
    authorizer: undefined,
    faults: [],
    requests: [],
    writes: [],
    uploads: new MultipartUploads(),
  };
  const server = createServer((req, res) => {
    void handle(state, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    endpoint,
    region,
    requests: state.requests,
    writes: state.writes,
    openUploads: () => state.uploads.open(),
    ...createProgrammaticApi(state.store, region, state.clock),
    addCredentials(c) {
      state.credentials.set(c.accessKeyId, { ...c });
    },
    removeCredentials(accessKeyId) {
      state.credentials.delete(accessKeyId);
    },
    setAuthorizer(fn) {
      state.authorizer = fn;
    },
    injectFault(f) {
      state.faults.push({ ...f, remaining: f.times ?? Number.POSITIVE_INFINITY });
    },
    clearFaults() {
      state.faults.length = 0;
    },
    close() {
      state.faults.length = 0;
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
