import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import type { Connection, CreateConnection, CredentialsInput } from "../../api/connections.api.ts";
import type { PollRun } from "../../api/polls.api.ts";
import { type ApiClient, ApiError, apiClient, runApi, withApiOptions } from "../api-client.ts";
import { colorsEnabled, palette } from "../output/colors.ts";
import { ago, table } from "../output/table.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A connection by id or by name. */
export async function resolveConnection(api: ApiClient, ref: string): Promise<Connection> {
  if (UUID.test(ref)) return api.getConnection({ params: { id: ref } });
  const { items } = await api.listConnections({ query: { limit: 500 } });
  const found = items.find((c) => c.name === ref);
  if (!found)
    throw new ApiError(
      404,
      "not_found",
      `There is no connection named "${ref}".`,
      "`driftwatch connections list` shows them.",
    );
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

function showConnection(c: Connection): string {
  const lines = [
    `${c.name}  (${c.id})`,
    `  health         ${health(c.health)}${c.paused ? " (paused)" : ""}`,
    `  bucket         s3://${c.bucket}/${c.prefix}  region ${c.region}${c.endpoint_url ? `  endpoint ${c.endpoint_url}` : ""}`,
    `  pattern        ${c.file_pattern}`,
    `  contract       ${c.contract_name ?? "none (files are recorded, not checked)"}`,
    `  credentials    ${c.credentials.type}  ${c.credentials.fingerprint}${c.credentials.role_arn ? `  role ${c.credentials.role_arn}` : ""}`,
    `  polls          every ${c.poll_interval_minutes} min; last ${ago(c.last_poll_at)}, next ${c.next_poll_at ? ago(c.next_poll_at) : "—"}`,
    `  open events    ${c.open_events}`,
  ];
  if (c.last_error) {
    lines.push(
      `  last error     ${c.last_error.message} [${c.last_error.code}${c.last_error.aws_code ? ` / ${c.last_error.aws_code}` : ""}]`,
    );
    lines.push(`  fix            ${c.last_error.hint}`);
  }
  return lines.join("\n");
}

function describeRun(r: PollRun): string {
  const c = r.counts;
  return `${r.status}: listed ${c.listed}, matched ${c.matched}, new ${c.new}, processed ${c.processed}, duplicate ${c.duplicate}, failed ${c.failed}, too large ${c.too_large}, skipped ${c.skipped}, events ${c.events}${r.more_pending ? " (more pending: the next cycle has started)" : ""}${r.error ? `\n  ${r.error.message}\n  fix: ${r.error.hint}` : ""}`;
}

function readSecret(opts: { secretAccessKey?: string; secretAccessKeyFile?: string }): string | undefined {
  if (opts.secretAccessKeyFile) {
    return readFileSync(opts.secretAccessKeyFile === "-" ? 0 : opts.secretAccessKeyFile, "utf8").trim();
  }
  return opts.secretAccessKey ?? process.env.AWS_SECRET_ACCESS_KEY;
}

const interval = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 10080) throw new InvalidArgumentError("minutes from 1 to 10080.");
  return n;
};

export function connectionsCommand(): Command {
  const cmd = new Command("connections").description(
    "S3 connections of a running server (see DRIFTWATCH_URL / DRIFTWATCH_API_KEY)",
  );

  withApiOptions(
    cmd.command("list").description("list connections with their health").option("--json", "print JSON"),
  ).action(async (opts: { url?: string; apiKey?: string; json?: boolean }) =>
    runApi(async () => {
      const { items } = await apiClient(opts).listConnections({ query: { limit: 500 } });
      if (opts.json) return void process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
      if (items.length === 0)
        return void process.stdout.write(
          "No connections yet. Add one with `driftwatch connections add --help`.\n",
        );
      process.stdout.write(
        `${table(
          items.map((c) => [
            c.name,
            `s3://${c.bucket}/${c.prefix}`,
            c.file_pattern,
            c.contract_name ?? "—",
            health(c.health),
            ago(c.last_poll_at),
            c.paused ? "paused" : ago(c.next_poll_at),
            String(c.open_events),
          ]),
          ["NAME", "LOCATION", "PATTERN", "CONTRACT", "HEALTH", "LAST POLL", "NEXT POLL", "OPEN EVENTS"],
        )}\n`,
      );
    }),
  );

  withApiOptions(
    cmd
      .command("show <connection>")
      .description("a connection's settings, health, last error and recent polls (by id or name)")
      .option("--json", "print JSON"),
  ).action(async (ref: string, opts: { url?: string; apiKey?: string; json?: boolean }) =>
    runApi(async () => {
      const api = apiClient(opts);
      const c = await resolveConnection(api, ref);
      const runs = await api.listPollRuns({ params: { id: c.id }, query: { limit: 5 } });
      if (opts.json)
        return void process.stdout.write(`${JSON.stringify({ ...c, poll_runs: runs.items }, null, 2)}\n`);
      process.stdout.write(`${showConnection(c)}\n`);
      if (runs.items.length > 0) {
        process.stdout.write("  recent polls\n");
        for (const r of runs.items)
          process.stdout.write(`    ${r.created_at}  ${r.trigger.padEnd(8)} ${describeRun(r)}\n`);
      }
    }),
  );

  withApiOptions(
    cmd
      .command("add")
      .description("add an S3 connection; the server lists the prefix and reads one object first")
      .requiredOption("--name <name>", "a label")
      .requiredOption("--bucket <bucket>", "the bucket name")
      .requiredOption("--region <region>", "the bucket's region, e.g. us-east-1")
      .option("--prefix <prefix>", "only keys under this path, e.g. incoming/orders/")
      .option("--pattern <glob>", "file pattern, e.g. *.json or 850_*.json", "*")
      .option("--contract <id>", "contract id to check files against")
      .option("--interval <minutes>", "poll interval in minutes (1–10080)", interval, 60)
      .option("--credential-type <type>", "aws_static, aws_role or aws_oidc", "aws_static")
      .option("--access-key-id <id>", "access key id (env AWS_ACCESS_KEY_ID)")
      .option(
        "--secret-access-key <secret>",
        "secret access key (env AWS_SECRET_ACCESS_KEY; better: --secret-access-key-file)",
      )
      .option("--secret-access-key-file <path>", "read the secret from a file, or - for stdin")
      .option("--role-arn <arn>", "role to assume")
      .option("--external-id <id>", "external id the role's trust policy requires")
      .option("--endpoint-url <url>", "S3-compatible store (MinIO, Ceph, R2)")
      .option("--path-style", "path-style addressing (most S3-compatible stores need it)")
      .option("--backfill", "also check objects older than the connection")
      .option("--json", "print the created connection as JSON"),
  ).action(async (opts: Record<string, string | boolean | number | undefined>) =>
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
      const body: CreateConnection = {
        name: String(opts.name),
        provider: "aws_s3",
        region: String(opts.region),
        bucket: String(opts.bucket),
        ...(opts.prefix ? { prefix: String(opts.prefix) } : {}),
        file_pattern: String(opts.pattern),
        ...(opts.contract ? { contract_id: String(opts.contract) } : {}),
        poll_interval_minutes: Number(opts.interval),
        ...(opts.endpointUrl ? { endpoint_url: String(opts.endpointUrl) } : {}),
        ...(opts.pathStyle ? { force_path_style: true } : {}),
        ...(opts.backfill ? { backfill: true } : {}),
        credentials,
      };
      const created = await apiClient(opts as { url?: string; apiKey?: string }).createConnection({ body });
      if (opts.json) return void process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
      process.stdout.write(`created\n${showConnection(created)}\n`);
    }),
  );

  withApiOptions(
    cmd
      .command("poll <connection>")
      .description("poll now and wait for the cycle (by id or name)")
      .option("--no-wait", "queue the poll and return")
      .option("--json", "print the poll run as JSON"),
  ).action(async (ref: string, opts: { url?: string; apiKey?: string; wait: boolean; json?: boolean }) =>
    runApi(async () => {
      const api = apiClient(opts);
      const c = await resolveConnection(api, ref);
      let { poll_run: run } = await api.pollConnection({ params: { id: c.id } });
      if (opts.wait) {
        const tty = process.stderr.isTTY === true;
        const deadline = Date.now() + 30 * 60_000;
        while ((run.status === "queued" || run.status === "running") && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 500));
          run = await api.getPollRun({ params: { id: run.id } });
          if (tty)
            process.stderr.write(
              `\r${run.status}: ${run.counts.processed + run.counts.duplicate + run.counts.failed} of ${run.counts.new || "?"} new files done   `,
            );
        }
        if (tty) process.stderr.write("\n");
      }
      if (opts.json) return void process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
      process.stdout.write(`${c.name}: ${describeRun(run)}\n`);
      if (run.status === "failed") process.exitCode = 1;
    }),
  );

  for (const action of ["pause", "resume"] as const) {
    const call = action === "pause" ? "pauseConnection" : "resumeConnection";
    withApiOptions(
      cmd.command(`${action} <connection>`).description(`${action} polling (by id or name)`),
    ).action(async (ref: string, opts: { url?: string; apiKey?: string }) =>
      runApi(async () => {
        const api = apiClient(opts);
        const c = await resolveConnection(api, ref);
        const after = await api[call]({ params: { id: c.id } });
        process.stdout.write(
          `${after.name}: ${after.paused ? "paused" : `resumed, next poll ${ago(after.next_poll_at)}`}\n`,
        );
      }),
    );
  }

  withApiOptions(
    cmd.command("remove <connection>").description("delete a connection with its ledger and events"),
  ).action(async (ref: string, opts: { url?: string; apiKey?: string }) =>
    runApi(async () => {
      const api = apiClient(opts);
      const c = await resolveConnection(api, ref);
      await api.deleteConnection({ params: { id: c.id } });
      process.stdout.write(`removed ${c.name}\n`);
    }),
  );
  return cmd;
}
