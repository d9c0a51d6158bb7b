import { Command } from "commander";
import type { CreateStateSource, StateSource, StateSourceTest } from "../../api/state-sources.api.ts";
import { apiClient, runApi, withApiOptions } from "../api-client.ts";
import { ago, table } from "../output/table.ts";
import { resolveAccount } from "./accounts.command.ts";

const json = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

function describeTest(t: StateSourceTest): string {
  if (t.ok) {
    return `ok: serial ${t.serial}, lineage ${t.lineage}, terraform ${t.terraform_version || "?"}, ${t.resource_count} resources, ${t.size} bytes${t.version_id ? `, version ${t.version_id}` : ""}`;
  }
  const e = t.error!;
  return `failed: ${e.message} [${e.code}${e.aws_code ? ` / ${e.aws_code}` : ""}]\n  fix: ${e.hint}`;
}

function showSource(s: StateSource, names: Map<string, string>): string {
  const name = (id: string) => names.get(id) ?? id;
  return [
    `s3://${s.bucket}/${s.object_key}  (${s.id})`,
    `  region         ${s.region}${s.endpoint_url ? `  endpoint ${s.endpoint_url}` : ""}`,
    `  workspace      ${s.workspace ?? "default"}${s.workspace ? ` (prefix ${s.workspace_key_prefix})` : ""}`,
    `  read by        ${name(s.cloud_account_id)}`,
    `  scans of       ${name(s.scan_account_id)}`,
    `  last read      ${s.last_test ? `${ago(s.last_test.tested_at)}: ${describeTest(s.last_test)}` : "never"}`,
  ].join("\n");
}

export function stateSourcesCommand(): Command {
  const cmd = new Command("state-sources").description(
    "Terraform state in S3 that scans compare against, on a running server (see DRIFTWATCH_URL / DRIFTWATCH_API_KEY)",
  );

  withApiOptions(
    cmd
      .command("add")
      .description("link a state object; the server reads and parses it with the account's credential first")
      .requiredOption(
        "--account <account>",
        "the cloud account whose credential reads the state (id or name)",
      )
      .option("--scan-account <account>", "the account whose scans use this state (default: --account)")
      .requiredOption("--bucket <bucket>", "the state bucket")
      .requiredOption("--key <key>", "the S3 backend's key, e.g. prod/terraform.tfstate")
      .option("--region <region>", "the bucket's region (default: the account's)")
      .option("--workspace <name>", "a non-default Terraform workspace")
      .option("--workspace-key-prefix <prefix>", "the S3 backend's workspace_key_prefix", "env:")
      .option("--version-id <id>", "read this object version")
      .option("--endpoint-url <url>", "S3-compatible store")
      .option("--path-style", "path-style addressing")
      .option("--json", "print the created state source as JSON"),
  ).action(async (opts: Record<string, string | boolean | undefined>) =>
    runApi(async () => {
      const api = apiClient(opts as { url?: string; apiKey?: string });
      const reader = await resolveAccount(api, String(opts.account));
      const scan = opts.scanAccount ? await resolveAccount(api, String(opts.scanAccount)) : reader;
      const body: CreateStateSource = {
        cloud_account_id: reader.id,
        scan_account_id: scan.id,
        bucket: String(opts.bucket),
        key: String(opts.key),
        ...(opts.region ? { region: String(opts.region) } : {}),
        ...(opts.workspace ? { workspace: String(opts.workspace) } : {}),
        workspace_key_prefix: String(opts.workspaceKeyPrefix),
        ...(opts.versionId ? { version_id: String(opts.versionId) } : {}),
        ...(opts.endpointUrl ? { endpoint_url: String(opts.endpointUrl) } : {}),
        ...(opts.pathStyle ? { force_path_style: true } : {}),
      };
      const created = await api.createStateSource({ body });
      if (opts.json) return void json(created);
      const names = new Map([
        [reader.id, reader.display_name],
        [scan.id, scan.display_name],
      ]);
      process.stdout.write(`linked\n${showSource(created, names)}\n`);
    }),
  );

  withApiOptions(
    cmd
      .command("list")
      .description("list state sources")
      .option("--account <account>", "only those the scans of this account use (id or name)")
      .option("--json", "print JSON"),
  ).action(async (opts: { url?: string; apiKey?: string; account?: string; json?: boolean }) =>
    runApi(async () => {
      const api = apiClient(opts);
      const scan = opts.account ? await resolveAccount(api, opts.account) : undefined;
      const { items } = await api.listStateSources({
        query: { limit: 500, ...(scan ? { scan_account_id: scan.id } : {}) },
      });
      if (opts.json) return void json(items);
      if (items.length === 0)
        return void process.stdout.write(
          "No state sources yet. Link one with `driftwatch state-sources add --help`.\n",
        );
      const accounts = await api.listCloudAccounts({ query: { limit: 500 } });
      const names = new Map(accounts.items.map((a) => [a.id, a.display_name]));
      process.stdout.write(
        `${table(
          items.map((s) => [
            s.id,
            `s3://${s.bucket}/${s.object_key}`,
            names.get(s.scan_account_id) ?? s.scan_account_id,
            names.get(s.cloud_account_id) ?? s.cloud_account_id,
            s.last_test
              ? s.last_test.ok
                ? `ok, serial ${s.last_test.serial}`
                : s.last_test.error!.code
              : "—",
          ]),
          ["ID", "STATE", "SCANS OF", "READ BY", "LAST READ"],
        )}\n`,
      );
    }),
  );

  withApiOptions(
    cmd
      .command("test <id>")
      .description("read and parse the state now; exit 1 when it cannot be read")
      .option("--json", "print JSON"),
  ).action(async (id: string, opts: { url?: string; apiKey?: string; json?: boolean }) =>
    runApi(async () => {
      const result = await apiClient(opts).testStateSource({ params: { id } });
      if (opts.json) json(result);
      else process.stdout.write(`s3 object ${result.object_key}: ${describeTest(result)}\n`);
      if (!result.ok) process.exitCode = 1;
    }),
  );

  withApiOptions(
    cmd.command("remove <id>").description("unlink a state source (the object is not touched)"),
  ).action(async (id: string, opts: { url?: string; apiKey?: string }) =>
    runApi(async () => {
      await apiClient(opts).deleteStateSource({ params: { id } });
      process.stdout.write(`removed ${id}\n`);
    }),
  );
  return cmd;
}
