import assert from "node:assert/strict";
import { test } from "node:test";
import {
  compactStamp,
  compileTemplate,
  missingVariables,
  objectKey,
  PathTemplateError,
  previewTemplate,
  renderTemplate,
  routedObjectKey,
  segment,
  TEMPLATE_VARIABLES,
  VARIABLES_FOR,
} from "./path-template.ts";

const AT = new Date("2023-12-06T14:05:01.250Z");

function templateError(fn: () => unknown): PathTemplateError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof PathTemplateError, `expected a PathTemplateError, got ${err}`);
    return err;
  }
  assert.fail("expected a PathTemplateError");
}

test("every variable renders, time variables in UTC", () => {
  const t = compileTemplate(TEMPLATE_VARIABLES.map((v) => `{${v}}`).join("/"));
  const key = renderTemplate(t, {
    at: AT,
    org: "acme",
    connection: "partner orders",
    contract: "orders-inbound",
    account: "123456789012",
    kind: "files",
    job_id: "e1b2",
    env: "prod",
    source_key: "2023/12/850_1.json",
  });
  assert.equal(
    key,
    "acme/acme/partner-orders/orders-inbound/123456789012/files/202312/20231206/2023/12/06/14/e1b2/prod/2023/12/850_1.json",
  );
  // 23:30 on the 31st of December in UTC is still that day, whatever the machine's time zone.
  const late = renderTemplate(compileTemplate("{full_date}-{hour}"), {
    at: new Date("2023-12-31T23:30:00Z"),
  });
  assert.equal(late, "20231231-23");
});

test("an unknown variable is an error naming it, with a suggestion when one is close", () => {
  const e = templateError(() => compileTemplate("exports/{tenant_id}/{date}/"));
  assert.equal(e.code, "template.unknown_variable");
  assert.equal(e.variable, "tenant_id");
  assert.equal(e.index, 8);
  assert.match(e.message, /\{tenant_id\}/);
  assert.match(e.hint, /Did you mean \{tenant\}\?/);
  assert.match(e.hint, /\{full_date\}/, "the hint lists the known variables");
  assert.equal(templateError(() => compileTemplate("{colour}")).variable, "colour");
});

test("unbalanced and empty braces are errors with their position", () => {
  const open = templateError(() => compileTemplate("exports/{org/x"));
  assert.equal(open.code, "template.unbalanced_brace");
  assert.equal(open.index, 8);
  assert.match(open.message, /position 9/);
  const nested = templateError(() => compileTemplate("a/{org{date}}"));
  assert.equal(nested.code, "template.unbalanced_brace");
  const close = templateError(() => compileTemplate("a/org}/"));
  assert.equal(close.code, "template.unbalanced_brace");
  assert.equal(close.index, 5);
  assert.equal(templateError(() => compileTemplate("a/{}/b")).code, "template.empty_variable");
});

test("the literal prefix is what precedes the first variable", () => {
  assert.equal(compileTemplate("exports/drift/{org}/{date}/").literalPrefix, "exports/drift/");
  assert.equal(compileTemplate("{org}/x").literalPrefix, "");
  assert.equal(compileTemplate("plain/prefix/").literalPrefix, "plain/prefix/");
  assert.equal(compileTemplate("").literalPrefix, "");
});

test("values become single path segments: a name cannot add or escape a folder", () => {
  assert.equal(segment("../../etc"), "..-..-etc");
  assert.equal(segment("a/b c"), "a-b-c");
  assert.equal(segment(".."), "_");
  assert.equal(segment("///"), "_");
  assert.equal(segment("Acme_Corp.eu-1"), "Acme_Corp.eu-1");
  const key = renderTemplate(compileTemplate("x/{connection}/"), { at: AT, connection: "../secret" });
  assert.equal(key, "x/..-secret/");
});

test("a used variable without a value is an error naming it and where it is known", () => {
  const e = templateError(() =>
    renderTemplate(compileTemplate("r/{account}/"), { at: AT, kind: "events", org: "acme" }),
  );
  assert.equal(e.code, "template.missing_value");
  assert.equal(e.variable, "account");
  assert.match(e.hint, /scan-reports/);
  const t = compileTemplate("{org}/{account}/{source_key}/{full_date}");
  assert.deepEqual(missingVariables(t, VARIABLES_FOR.events), ["account", "source_key"]);
  assert.deepEqual(missingVariables(t, VARIABLES_FOR["scan-reports"]), ["source_key"]);
  assert.deepEqual(missingVariables(compileTemplate("{tenant}/{date}"), new Set(["org"])), []);
});

test("keys are deterministic, slash-normalised and bounded", () => {
  const t = compileTemplate("/drift//{org}/{full_date}/");
  const values = { at: AT, org: "acme", kind: "events" as const };
  const a = objectKey(t, values, `events-${compactStamp(AT)}-42.ndjson`);
  assert.equal(a, "drift/acme/20231206/events-20231206T140501Z-42.ndjson");
  assert.equal(objectKey(t, values, `events-${compactStamp(AT)}-42.ndjson`), a);
  const long = compileTemplate(`${"x".repeat(1020)}/{org}`);
  assert.equal(templateError(() => objectKey(long, values, "n")).code, "template.invalid_key");
});

test("a routed file keeps its path: appended, or placed where {source_key} stands", () => {
  const values = { at: AT, org: "acme", connection: "orders", source_key: "/2023//12/./850_1.json" };
  assert.equal(
    routedObjectKey(compileTemplate("accepted/{connection}/"), values),
    "accepted/orders/2023/12/850_1.json",
  );
  assert.equal(
    routedObjectKey(compileTemplate("q/{source_key}.{full_date}"), values),
    "q/2023/12/850_1.json.20231206",
  );
  assert.equal(
    routedObjectKey(compileTemplate("q/"), { ...values, source_key: "../../x.json" }),
    "q/x.json",
    "dot segments are dropped",
  );
});

test("the preview fills what only an export knows with examples", () => {
  const t = compileTemplate("exports/{tenant}/{connection}/{full_date}/");
  assert.equal(previewTemplate(t, AT), "exports/acme/partner-orders/20231206/");
  assert.equal(previewTemplate(t, AT, { org: "globex" }), "exports/globex/partner-orders/20231206/");
});
