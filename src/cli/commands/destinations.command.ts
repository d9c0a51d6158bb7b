import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import type { CredentialsInput } from "../../api/connections.api.ts";
import type { CreateDestination, Destination } from "../../api/destinations.api.ts";
import { type ApiClient, ApiError, apiClient, runApi, withApiOptions } from "../api-client.ts";
import { colorsEnabled, palette } from "../output/colors.ts";
import { ago, table } from "../output/table.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A destination by id or by name. */
async function resolveDestination(api: ApiClient, ref: string): Promise<Destination> {
  if (UUID.test(ref)) return api.getDestination({ params: { id: ref } });
  const { items } = await api.listDestinations({ query: { limit: 500 } });
  const found = items.find((d) => d.name === ref);
  if (!found) {
    throw new ApiError(
      404,
      "not_found",
      `There is no destination named "${ref}".`,
      "`driftwatch destinations list` shows them.",
    );
  }
  return found;
}

const health = (h: string) => {
  const p = palette(colorsEnabled(process.stdout));
  return h === "healthy"
    ? p.green(h)
    : h === "warning"
      ? p.severity("warning", h)
      : h === "critical"
        ? p.severity("critical", h)
        : p.dim(h);
};

const bytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;

function showDestination(d: Destination): string {
  const s = d.status;
  const kinds = [d.export_events ? "events" : "", d.export_scan_reports ? "scan reports" : ""].filter(
    Boolean,
  );
  const lines = [
    `${d.name}  (${d.id})`,
    `  health         ${health(d.health)}${d.paused ? " (paused)" : ""}`,
    `  bucket         s3://${d.bucket}/${d.path_prefix}  region ${d.region}${d.endpoint_url ? `  endpoint ${d.endpoint_url}` : ""}`,
    `  resolves to    ${d.path_preview}  (today, example values)`,
    `  exports        ${kinds.join(", ") || "nothing"} as ${d.format}${d.gzip ? " (gzip)" : ""}; ${d.batch_max_events} events or ${d.batch_max_age_seconds} s per object`,
    `  credentials    ${d.credentials.type}  ${d.credentials.fingerprint}${d.credentials.role_arn ? `  role ${d.credentials.role_arn}` : ""}`,
    `  encryption     ${d.kms_key_arn ? `SSE-KMS ${d.kms_key_arn}` : "the bucket's default"}`,
    `  written        ${s.events_exported} events in ${s.objects_written} objects (${bytes(s.bytes_written)}); last success ${ago(s.last_success_at)}`,
    `  waiting        ${s.backlog_events} events, ${s.pending_batches} batches`,
  ];
  if (d.last_error) {
    lines.push(
      `  last error     ${d.last_error.message} [${d.last_error.code}${d.last_error.aws_code ? ` / ${d.last_error.aws_code}` : ""}]`,
    );
    lines.push(`  fix            ${d.last_error.hint}`);
  }
  return lines.join("\n");
}

function readSecret(opts: { secretAccessKey?: string; secretAccessKeyFile?: string }): string | undefined {
  if (opts.secretAccessKeyFile) {
    return readFileSync(opts.secretAccessKeyFile === "-" ? 0 : opts.secretAccessKeyFile, "utf8").trim();
  }
  return opts.secretAccessKey ?? process.env.AWS_SECRET_ACCESS_KEY;
}

const intIn = (min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new InvalidArgumentError(`a whole number from ${min} to ${max}.`);
  return n;
};

type Opts = Record<string, string | boolean | number | undefined>;

export function destinationsCommand(): Command {
  const cmd = new Command("destinations").description(
    "S3 destinations drift is exported to (see DRIFTWATCH_URL / DRIFTWATCH_API_KEY)",
  );

  withApiOptions(
    cmd
      .command("list")
      .description("list destinations with their export status")
      .option("--json", "print JSON"),
  ).action(async (opts: { url?: string; apiKey?: string; json?: boolean }) =>
    runApi(async () => {
      const { items } = await apiClient(opts).listDestinations({ query: { limit: 500 } });
      if (opts.json) return void process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
      if (items.length === 0) {
        return void process.stdout.write(
          "No destinations yet. Add one with `driftwatch destinations add --help`.\n",
        );
      }
      process.stdout.write(
        `${table(
          items.map((d) => [
            d.name,
            `s3://${d.bucket}/${d.path_prefix}`,
            d.format,
            health(d.health),
            ago(d.status.last_success_at),
            String(d.status.events_exported),
            String(d.status.backlog_events),
          ]),
          ["NAME", "LOCATION", "FORMAT", "HEALTH", "LAST SUCCESS", "EXPORTED", "WAITING"],
        )}\n`,
      );
    }),
  );

  withApiOptions(
    cmd
      .command("show <destination>")
      .description("a destination's settings, status, last error and latest batches (by id or name)")
      .option("--json", "print JSON"),
  ).action(async (ref: string, opts: { url?: string; apiKey?: string; json?: boolean }) =>
    runApi(async () => {
      const api = apiClient(opts);
      const d = await resolveDestination(api, ref);
      const batches = await api.listExportBatches({ params: { id: d.id }, query: { limit: 5 } });
      if (opts.json) {
        return void process.stdout.write(`${JSON.stringify({ ...d, batches: batches.items }, null, 2)}\n`);
      }
      process.stdout.write(`${showDestination(d)}\n`);
      if (batches.items.length > 0) {
        process.stdout.write("  latest batches\n");
        for (const b of batches.items) {
          process.stdout.write(
            `    #${b.batch_no} ${b.kind} ${b.status} ${b.event_count} events ${b.keys[0] ?? ""}${b.keys.length > 1 ? ` (+${b.keys.length - 1})` : ""}${b.last_error ? `\n      ${b.last_error.message} [${b.last_error.code}]` : ""}\n`,
          );
        }
      }
    }),
  );

  withApiOptions(
    cmd
      .command("add")
      .description(
        "add an S3 destination; the server writes a small object under the prefix and deletes it first",
      )
      .requiredOption("--name <name>", "a label")
      .requiredOption("--bucket <bucket>", "the bucket name")
      .requiredOption("--region <region>", "the bucket's region, e.g. us-east-1")
      .option("--prefix <template>", "path prefix with variables, e.g. drift/{org}/{kind}/{full_date}/")
      .option("--format <format>", "ndjson, csv or parquet", "ndjson")
      .option("--gzip", "gzip ndjson or csv objects")
      .option("--batch-events <n>", "events per object (1–100000)", intIn(1, 100_000))
      .option(
        "--batch-age <seconds>",
        "longest wait of an event for a full batch (1–86400)",
        intIn(1, 86_400),
      )
      .option("--scan-reports", "also export infrastructure scan reports")
      .option("--no-events", "do not export drift events")
      .option("--kms-key <arn>", "SSE-KMS with this key")
      .option("--credential-type <type>", "aws_role (default), aws_static or aws_oidc", "aws_role")
      .option("--access-key-id <id>", "access key id (env AWS_ACCESS_KEY_ID)")
      .option(
        "--secret-access-key <secret>",
        "secret access key (env AWS_SECRET_ACCESS_KEY; better: --secret-access-key-file)",
      )
      .option("--secret-access-key-file <path>", "read the secret from a file, or - for stdin")
      .option("--role-arn <arn>", "role to assume (its trust policy pins your organisation's external id)")
      .option("--external-id <id>", "external id, when not your organisation's")
      .option("--endpoint-url <url>", "S3-compatible store (MinIO, Ceph, R2)")
      .option("--path-style", "path-style addressing (most S3-compatible stores need it)")
      .option("--json", "print the created destination as JSON"),
  ).action(async (opts: Opts) =>
    runApi(async () => {
      const type = String(opts.credentialType) as CredentialsInput["type"];
      const credentials: CredentialsInput = { type };
      const keyId = (opts.accessKeyId as string | undefined) ?? process.env.AWS_ACCESS_KEY_ID;
      const secret = readSecret(opts as { secretAccessKey?: string; secretAccessKeyFile?: string });
      if (type !== "aws_oidc") {
        if (keyId) credentials.access_key_id = keyId;
        if (secret) credentials.secret_access_key = secret;
      }
      if (opts.roleArn) credentials.role_arn = String(opts.roleArn);
      if (opts.externalId) credentials.external_id = String(opts.externalId);
      const body: CreateDestination = {
        name: String(opts.name),
        region: String(opts.region),
        bucket: String(opts.bucket),
        ...(opts.prefix ? { path_prefix: String(opts.prefix) } : {}),
        format: String(opts.format) as CreateDestination["format"] & string,
        ...(opts.gzip ? { gzip: true } : {}),
        ...(opts.batchEvents ? { batch_max_events: Number(opts.batchEvents) } : {}),
        ...(opts.batchAge ? { batch_max_age_seconds: Number(opts.batchAge) } : {}),
        export_events: opts.events !== false,
        ...(opts.scanReports ? { export_scan_reports: true } : {}),
        ...(opts.kmsKey ? { kms_key_arn: String(opts.kmsKey) } : {}),
        ...(opts.endpointUrl ? { endpoint_url: String(opts.endpointUrl) } : {}),
        ...(opts.pathStyle ? { force_path_style: true } : {}),
        credentials,
      };
      const created = await apiClient(opts as { url?: string; apiKey?: string }).createDestination({ body });
      if (opts.json) return void process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
      process.stdout.write(
        `created (the connection test wrote and deleted one object)\n${showDestination(created)}\n`,
      );
    }),
  );

  withApiOptions(
    cmd
      .command("test <destination>")
      .description("write a small object under the prefix and delete it again"),
  ).action(async (ref: string, opts: { url?: string; apiKey?: string }) =>
    runApi(async () => {
      const api = apiClient(opts);
      const d = await resolveDestination(api, ref);
      const result = await api.testDestination({ params: { id: d.id } });
      process.stdout.write(
        `${d.name}: ok, wrote and deleted s3://${d.bucket}/${result.key} (${result.steps.map((s) => `${s.action} ${s.ms} ms`).join(", ")})\n`,
      );
    }),
  );

  withApiOptions(
    cmd
      .command("policy <destination>")
      .description(
        "the least-privilege IAM policy for a destination (PutObject; DeleteObject for the test only)",
      )
      .option("--json", "print the policy, the notes and the external id as JSON"),
  ).action(async (ref: string, opts: { url?: string; apiKey?: string; json?: boolean }) =>
    runApi(async () => {
      const api = apiClient(opts);
      const d = await resolveDestination(api, ref);
      const p = await api.getDestinationPolicy({ params: { id: d.id } });
      if (opts.json) return void process.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
      process.stdout.write(`${JSON.stringify(p.policy, null, 2)}\n`);
      if (p.external_id)
        process.stderr.write(`\nexternal id for the role's trust policy: ${p.external_id}\n`);
      for (const note of p.notes) process.stderr.write(`\nnote: ${note}\n`);
    }),
  );

  withApiOptions(
    cmd
      .command("export <destination>")
      .description("export what is waiting now, without waiting for a full batch"),
  ).action(async (ref: string, opts: { url?: string; apiKey?: string }) =>
    runApi(async () => {
      const api = apiClient(opts);
      const d = await resolveDestination(api, ref);
      const r = await api.exportDestination({ params: { id: d.id } });
      process.stdout.write(
        `${d.name}: ${r.events_exported} events in ${r.objects_written} new objects (${r.batches_written} batches${r.objects_already_written ? `, ${r.objects_already_written} objects found already written` : ""})\n`,
      );
    }),
  );

  withApiOptions(
    cmd
      .command("remove <destination>")
      .description("delete a destination (the objects it wrote stay in the bucket)"),
  ).action(async (ref: string, opts: { url?: string; apiKey?: string }) =>
    runApi(async () => {
      const api = apiClient(opts);
      const d = await resolveDestination(api, ref);
      await api.deleteDestination({ params: { id: d.id } });
      process.stdout.write(`removed ${d.name}\n`);
    }),
  );
  return cmd;
}
