import assert from "node:assert/strict";
import { test } from "node:test";
import { ACCOUNT, live, stateDoc } from "../../../test/support/drift-fixtures.ts";
import { parseDriftIgnore } from "./driftignore.ts";
import { buildFindings } from "./findings.ts";
import { buildReport } from "./report.ts";
import { parseTerraformState } from "./state.parse.ts";

const R = "eu-west-1";
const s = parseTerraformState(
  JSON.stringify(
    stateDoc([
      {
        module: "module.data",
        type: "aws_sqs_queue",
        name: "jobs",
        instances: [
          {
            index_key: "a",
            attributes: {
              id: "https://q/a",
              url: "https://q/a",
              arn: `arn:aws:sqs:${R}:${ACCOUNT}:a`,
              delay_seconds: 0,
            },
          },
        ],
      },
      {
        type: "aws_sqs_queue",
        name: "gone",
        instances: [{ attributes: { id: "https://q/g", url: "https://q/g" } }],
      },
      {
        type: "aws_route53_record",
        name: "www",
        instances: [{ attributes: { id: "Z1_www_A", fqdn: "www.x", zone_id: "Z1", type: "A" } }],
      },
      {
        type: "aws_sns_topic",
        name: "t",
        instances: [{ attributes: { id: "arn:t", arn: `arn:aws:sns:${R}:${ACCOUNT}:t` } }],
      },
    ]),
  ),
  "tfstate+s3://states/app.tfstate",
);
const liveSet = [
  live("AWS::SQS::Queue", `arn:aws:sqs:${R}:${ACCOUNT}:a`, "https://q/a", { DelaySeconds: 10 }),
  live("AWS::SQS::Queue", `arn:aws:sqs:${R}:${ACCOUNT}:x`, "https://q/x", {}),
  live("AWS::SNS::Topic", `arn:aws:sns:${R}:${ACCOUNT}:t`, `arn:aws:sns:${R}:${ACCOUNT}:t`, undefined, {
    enrichmentStatus: "failed",
    enrichmentFailureReason: "throttled",
  }),
];

test("the report uses driftctl's field names and shapes, plus ours", () => {
  const findings = buildFindings({ live: liveSet, states: [s], ignore: parseDriftIgnore("bad..line") });
  const report = buildReport({
    findings,
    states: [s],
    live: liveSet,
    status: "completed",
    date: "2025-01-02T03:04:05.000Z",
  });
  assert.deepEqual(report.summary, {
    total_resources: 4,
    total_changed: 1,
    total_unmanaged: 1,
    total_missing: 1,
    total_managed: 2,
    total_iac_source_count: 1,
  });
  assert.deepEqual(report.missing, [
    {
      id: "https://q/g",
      type: "aws_sqs_queue",
      source: { source: "tfstate+s3://states/app.tfstate", namespace: "", internal_name: "gone" },
      cfn_type: "AWS::SQS::Queue",
      address: "aws_sqs_queue.gone",
    },
  ]);
  assert.deepEqual(report.unmanaged, [
    {
      id: "https://q/x",
      type: "aws_sqs_queue",
      cfn_type: "AWS::SQS::Queue",
      arn: `arn:aws:sqs:${R}:${ACCOUNT}:x`,
      region: R,
    },
  ]);
  assert.deepEqual(report.differences, [
    {
      res: {
        id: "https://q/a",
        type: "aws_sqs_queue",
        source: {
          source: "tfstate+s3://states/app.tfstate",
          namespace: "module.data",
          internal_name: 'jobs["a"]',
        },
        cfn_type: "AWS::SQS::Queue",
        arn: `arn:aws:sqs:${R}:${ACCOUNT}:a`,
        region: R,
        address: 'module.data.aws_sqs_queue.jobs["a"]',
      },
      changelog: [{ type: "create", path: ["delay_seconds"], from: null, to: 10, computed: false }],
    },
  ]);
  assert.equal(report.coverage, 66);
  assert.deepEqual(report.live, { managed: 2, total: 3 });
  assert.equal(report.in_sync, false);
  assert.equal(report.provider_name, "aws");
  assert.equal(report.date, "2025-01-02T03:04:05.000Z");
  assert.deepEqual(report.enrichment, {
    enriched: 2,
    failed: 1,
    skipped: 0,
    failure_reasons: { throttled: 1 },
    not_compared: 1,
  });
  assert.deepEqual(report.not_judged, { unknown_type: 0, discovery_failed: 0, not_listed: 1 });
  assert.deepEqual(Object.keys(report.alerts).sort(), ["", "aws_route53_record", "aws_sns_topic"]);
  assert.match(report.alerts.aws_sns_topic![0]!.message, /1 aws_sns_topic could not be compared.*throttled/);
  assert.match(
    report.alerts.aws_route53_record![0]!.message,
    /Resource Explorer does not list AWS::Route53::RecordSet/,
  );
  assert.match(report.alerts[""]![0]!.message, /line 1/);
  assert.deepEqual(report.states, [
    {
      source: "tfstate+s3://states/app.tfstate",
      serial: 1,
      lineage: s.lineage,
      terraform_version: "1.9.5",
      resources: 4,
    },
  ]);
  assert.match(report.catalogue, /^@aws-cdk\/aws-service-spec@/);
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
});

test("only a completed scan with no drift is in sync; partial and failed never are", () => {
  const clean = buildFindings({ live: [], states: [] });
  const base = { findings: clean, states: [], live: [], date: "2025-01-01T00:00:00Z" };
  assert.equal(buildReport({ ...base, status: "completed" }).in_sync, true);
  const partial = buildReport({
    ...base,
    status: "partial",
    scanErrors: [
      {
        code: "aws.cloudcontrol.access_denied",
        message: "denied",
        fix: "grant",
        resourceType: "AWS::SQS::Queue",
      },
    ],
  });
  assert.equal(partial.in_sync, false);
  assert.equal(partial.scan_errors.length, 1);
  assert.equal(buildReport({ ...base, status: "failed" }).in_sync, false);
});
