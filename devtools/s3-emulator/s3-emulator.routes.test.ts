import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseQueryString } from "../sigv4/sigv4.parse.ts";
import { routeRequest } from "./s3-emulator.routes.ts";

const route = (method: string, url: string, host = "127.0.0.1:9000") => {
  const [path = "", query = ""] = url.split("?");
  return routeRequest(method, host, path, parseQueryString(query));
};

describe("routeRequest", () => {
  test("path-style: bucket, then the key percent-decoded, slashes and plus signs kept", () => {
    assert.deepEqual(route("GET", "/b/a%20b/c%2Bd//e+f?x-id=GetObject"), {
      op: "GetObject",
      bucket: "b",
      key: "a b/c+d//e+f",
    });
    assert.deepEqual(route("PUT", "/b/k"), { op: "PutObject", bucket: "b", key: "k" });
    assert.deepEqual(route("GET", "/b?list-type=2&prefix=x"), { op: "ListObjectsV2", bucket: "b" });
    assert.deepEqual(route("GET", "/b/"), { op: "ListObjects", bucket: "b" });
    assert.deepEqual(route("GET", "/b?location"), { op: "GetBucketLocation", bucket: "b" });
    assert.deepEqual(route("POST", "/b?delete"), { op: "DeleteObjects", bucket: "b" });
    assert.deepEqual(route("GET", "/"), { op: "ListBuckets" });
  });

  test("virtual-hosted style on bucket.localhost", () => {
    assert.deepEqual(route("GET", "/dir/file.json", "my.bucket.localhost:9000"), {
      op: "GetObject",
      bucket: "my.bucket",
      key: "dir/file.json",
    });
    assert.deepEqual(route("GET", "/?list-type=2", "drops.localhost:9000"), {
      op: "ListObjectsV2",
      bucket: "drops",
    });
  });

  test("sub-resources the emulator does not serve are Unsupported", () => {
    assert.equal(route("GET", "/b/k?tagging").op, "Unsupported");
    assert.equal(route("GET", "/b?uploads").op, "Unsupported", "ListMultipartUploads");
    assert.equal(route("GET", "/b/k?uploadId=u1").op, "Unsupported", "ListParts");
    assert.equal(route("GET", "/b/k?partNumber=1").op, "Unsupported");
    assert.equal(route("GET", "/b?versioning").op, "Unsupported");
    assert.equal(route("GET", "/b/k?versionId=null").op, "GetObject");
  });

  test("multipart uploads on an object key", () => {
    assert.equal(route("POST", "/b/k?uploads").op, "CreateMultipartUpload");
    assert.equal(route("PUT", "/b/k?partNumber=2&uploadId=u1").op, "UploadPart");
    assert.equal(route("POST", "/b/k?uploadId=u1").op, "CompleteMultipartUpload");
    assert.equal(route("DELETE", "/b/k?uploadId=u1").op, "AbortMultipartUpload");
    assert.equal(route("DELETE", "/b/k").op, "DeleteObject");
  });

  test("a path that is not valid percent-encoding is InvalidURI", () => {
    assert.throws(() => route("GET", "/b/%E0%A4%A"), { code: "InvalidURI" });
  });
});
