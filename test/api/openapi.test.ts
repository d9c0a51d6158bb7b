/**
 * /openapi.json is a document others can generate clients from: it passes Redocly's recommended lint rules
 * with no warning, names and documents every operation's errors, and the types openapi-typescript makes
 * from it are the committed ones (src/api/openapi.generated.ts), which `tsc` checks against the shared
 * client in src/api/openapi.agreement.ts.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { GENERATED_FILE, generateTypes, servedDocument } from "../../scripts/openapi/openapi-types.ts";
import { OPERATIONS } from "../../src/api/operations.ts";
import { serverEntry } from "../../src/http/app.ts";
import { closeTestDatabases } from "../support/db.ts";

after(closeTestDatabases);

// The document as JSON, read field by field.
type Doc = any;
const METHODS = ["get", "put", "post", "patch", "delete"] as const;

describe("the OpenAPI document", () => {
  let doc: Doc;
  before(async () => {
    doc = await servedDocument();
  });

  test("Redocly's recommended rules find nothing to warn about", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({
      source: JSON.stringify(doc, null, 2),
      absoluteRef: "openapi.json",
      config,
    });
    const listed = problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`,
    );
    assert.deepEqual(listed, []);
  });

  test("every operation is named after the shared client's method and declares its errors", () => {
    const served = new Map<string, { method: string; path: string; responses: Record<string, unknown> }>();
    for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        assert.ok(op.operationId, `${method} ${path} has an operationId`);
        assert.ok(!served.has(op.operationId), `${op.operationId} is unique`);
        served.set(op.operationId, { method, path, responses: op.responses ?? {} });
      }
    }
    assert.deepEqual([...served.keys()].sort(), Object.keys(OPERATIONS).sort());
    for (const [id, op] of Object.entries(OPERATIONS)) {
      const s = served.get(id)!;
      assert.equal(s.method, op.method.toLowerCase(), id);
      assert.equal(s.path, op.path.replace(/:(\w+)/g, "{$1}"), id);
      const errors = Object.keys(s.responses).filter((status) => /^[45]/.test(status));
      assert.ok(errors.includes("4XX"), `${id} declares any other client error`);
      for (const status of Object.keys(op.errors))
        assert.ok(errors.includes(status), `${id} declares ${status}`);
      for (const status of errors) {
        const body = (s.responses[status] as { content?: Record<string, { schema?: { $ref?: string } }> })
          .content?.["application/json"]?.schema?.$ref;
        assert.equal(body, "#/components/schemas/ErrorResponse", `${id} ${status} has the shared error body`);
      }
    }
  });

  test("it names its licence and a server that every reader of it can use", () => {
    assert.deepEqual(doc.info.license, { name: "Apache 2.0", identifier: "Apache-2.0" });
    assert.equal(
      doc.servers?.[0]?.url,
      "/",
      "on the default loopback URL, the server the document came from",
    );
    assert.equal(serverEntry("https://driftwatch.acme.internal").url, "https://driftwatch.acme.internal");
    assert.equal(serverEntry("http://127.0.0.1:8080").url, "/");
  });

  test("a file body is documented as bytes, though the server does not parse it", () => {
    const check = doc.paths?.["/api/v1/contracts/{id}/check"]?.post;
    assert.deepEqual(
      Object.keys(check?.requestBody && "content" in check.requestBody ? check.requestBody.content : {}),
      ["application/octet-stream"],
    );
  });

  test("the types openapi-typescript generates from it are the committed ones", async () => {
    const generated = await generateTypes(doc);
    assert.ok(
      generated === readFileSync(GENERATED_FILE, "utf8"),
      "src/api/openapi.generated.ts is not current: run npm run openapi:types",
    );
  });
});
