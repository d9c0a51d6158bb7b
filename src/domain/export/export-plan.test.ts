import assert from "node:assert/strict";
import { test } from "node:test";
import { compileTemplate } from "../path-template.ts";
import { groupEvents, objectName, planEventObjects, planReportObject } from "./export-plan.ts";

const id = {
  batchId: "e1b2c3d4-0000-4000-8000-000000000000",
  batchNo: 42,
  destinationId: "0f0e0d0c-0000-4000-8000-000000000000",
  plannedAt: new Date("2023-12-06T14:05:01.250Z"),
  org: "acme",
  env: "prod",
};
const ev = (connection: string, contract: string) => ({
  connection: { id: `id-${connection}`, name: connection },
  contract: { id: contract },
});

test("without {connection} or {contract} a batch is one object, named by kind, instant, destination and number", () => {
  const template = compileTemplate("drift/{org}/{env}/{kind}/{full_date}/{job_id}/");
  const plan = planEventObjects(template, [ev("a", "x"), ev("b", "y")], id, "ndjson", true);
  assert.deepEqual(plan, [
    {
      key: "drift/acme/prod/events/20231206/e1b2c3d4/events-20231206T140501Z-0f0e0d0c-000042.ndjson.gz",
      group: "all",
      count: 2,
      contentType: "application/gzip",
    },
  ]);
});

test("{connection} splits a batch per connection, in first-seen order, each key its own", () => {
  const template = compileTemplate("by/{connection}/");
  const events = [ev("orders a", "x"), ev("b", "x"), ev("orders a", "x")];
  const plan = planEventObjects(template, events, id, "parquet", false);
  assert.deepEqual(
    plan.map((p) => [p.key, p.group, p.count]),
    [
      ["by/orders-a/events-20231206T140501Z-0f0e0d0c-000042-001.parquet", "connection:id-orders a", 2],
      ["by/b/events-20231206T140501Z-0f0e0d0c-000042-002.parquet", "connection:id-b", 1],
    ],
  );
  const groups = groupEvents(template, events);
  assert.deepEqual([...groups.keys()], ["connection:id-orders a", "connection:id-b"]);
  // the same events and batch plan the same keys again (what a retry relies on)
  assert.deepEqual(planEventObjects(template, events, id, "parquet", false), plan);
});

test("a scan report fills {account}; names differ by kind", () => {
  const plan = planReportObject(compileTemplate("reports/{account}/{kind}/"), id, "123456789012");
  assert.equal(
    plan.key,
    "reports/123456789012/scan-reports/scan-reports-20231206T140501Z-0f0e0d0c-000042.json",
  );
  assert.notEqual(objectName("events", id, ".json"), objectName("scan-reports", id, ".json"));
});
