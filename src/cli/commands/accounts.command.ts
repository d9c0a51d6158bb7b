import { readFileSync } from "node:fs";
import { Command } from "commander";
import type { CloudAccount, CreateCloudAccount, CredentialRefObject } from "../../api/cloud-accounts.api.ts";
import type { CredentialType } from "../../api/connections.api.ts";
import { type ApiClient, ApiError, apiClient, runApi, withApiOptions } from "../api-client.ts";
import { colorsEnabled, palette } from "../output/colors.ts";
import { ago, table } from "../output/table.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cloud account by id or by display name. */
export async function resolveAccount(api: ApiClient, ref: string): Promise<CloudAccount> {
  if (UUID.test(ref)) return api.getCloudAccount({ params: { id: ref } });
  let cursor: string | undefined;
  do {
    const page = await api.listCloudAccounts({ query: { limit: 500, ...(cursor ? { cursor } : {}) } });
    const found = page.items.find((a) => a.display_name === ref);
    if (found) return found;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  throw new ApiError(
    404,
    "not_found",
    `There is no cloud account named "${ref}".`,
    "`driftwatch accounts list` shows them.",
  );
}

export const health = (h: string) => {
  const p = palette(colorsEnabled(process.stdout));
  return h === "healthy" ? p.green(h) : h === "critical" ? p.severity("critical", h) : p.dim(h);
};

function showAccount(a: CloudAccount): string {
  const c = a.credential;
  const lines = [
    `${a.display_name}  (${a.id})`,
    `  account        ${a.external_account_id}  (${a.provider})`,
    `  health         ${health(a.health)}, validated ${ago(a.last_validated_at)}`,
    `  credential     ${c.type}  ${c.fingerprint}${c.access_key_id_suffix ? `  key …${c.access_key_id_suffix}` : ""}${c.role_arn ? `  role ${c.role_arn}` : ""}`,
    `  region         ${c.region ?? "—"} (STS and Resource Explorer)${a.default_region ? `; default region ${a.default_region}` : ""}`,
    `  signs in as    ${a.caller_arn ?? "—"}`,
  ];
  if (a.last_error) {
    lines.push(
      `  last error     ${a.last_error.message} [${a.last_error.code}${a.last_error.aws_code ? ` / ${a.last_error.aws_code}` : ""}]`,
    );
    lines.push(`  fix            ${a.last_error.hint}`);
  }
  return lines.join("\n");
}

function readSecret(opts: { secretAccessKey?: string; secretAccessKeyFile?: string }): string | undefined {
  if (opts.secretAccessKeyFile) {
    return readFileSync(opts.secretAccessKeyFile === "-" ? 0 : opts.secretAccessKeyFile, "utf8").trim();
  }
  return opts.secretAccessKey ?? process.env.AWS_SECRET_ACCESS_KEY;
}

const json = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

export function accountsCommand(): Command {
  const cmd = new Command("accounts").description(
    "AWS cloud accounts for infrastructure drift, on a running server (see DRIFTWATCH_URL / DRIFTWATCH_API_KEY)",
  );

  withApiOptions(
    cmd.command("list").description("list cloud accounts with their health").option("--json", "print JSON"),
  ).action(async (opts: { url?: string; apiKey?: string; json?: boolean }) =>
    runApi(async () => {
      const { items } = await apiClient(opts).listCloudAccounts({ query: { limit: 500 } });
      if (opts.json) return void json(items);
      if (items.length === 0)
        return void process.stdout.write(
          "No cloud accounts yet. Add one with `driftwatch accounts add --help`.\n",
        );
      process.stdout.write(
        `${table(
          items.map((a) => [
            a.display_name,
            a.external_account_id,
            a.credential_type,
            a.credential.region ?? "—",
            health(a.health),
            ago(a.last_validated_at),
          ]),
          ["NAME", "ACCOUNT", "CREDENTIAL", "REGION", "HEALTH", "VALIDATED"],
        )}\n`,
      );
    }),
  );

  withApiOptions(
    cmd
      .command("show <account>")
      .description("an account's credential (never the secret), health and last error (by id or name)")
      .option("--json", "print JSON"),
  ).action(async (ref: string, opts: { url?: string; apiKey?: string; json?: boolean }) =>
    runApi(async () => {
      const a = await resolveAccount(apiClient(opts), ref);
      if (opts.json) return void json(a);
      process.stdout.write(`${showAccount(a)}\n`);
    }),
  );

  withApiOptions(
    cmd
      .command("add")
      .description(
        "register an AWS account; the server checks the credential with STS GetCallerIdentity first",
      )
      .requiredOption("--name <name>", "a display name")
      .requiredOption("--account-id <id>", "the 12-digit AWS account id the credential must reach")
      .requiredOption("--region <region>", "where STS is dialled and Resource Explorer's aggregator index is")
      .option("--default-region <region>", "where scans start")
      .option("--credential-type <type>", "aws_static, aws_role or aws_oidc", "aws_static")
      .option("--access-key-id <id>", "access key id (env AWS_ACCESS_KEY_ID)")
      .option(
        "--secret-access-key <secret>",
        "secret access key (env AWS_SECRET_ACCESS_KEY; better: --secret-access-key-file)",
      )
      .option("--secret-access-key-file <path>", "read the secret from a file, or - for stdin")
      .option("--role-arn <arn>", "role to assume (aws_role, aws_oidc; optional for aws_static)")
      .option(
        "--external-id <id>",
        "external id the role's trust policy requires (default: your organisation's)",
      )
      .option("--json", "print the created account as JSON"),
  ).action(async (opts: Record<string, string | boolean | undefined>) =>
    runApi(async () => {
      const type = String(opts.credentialType) as CredentialType;
      const ref: CredentialRefObject = { region: String(opts.region) };
      if (type !== "aws_oidc") {
        const keyId = (opts.accessKeyId as string | undefined) ?? process.env.AWS_ACCESS_KEY_ID;
        const secret = readSecret(opts as { secretAccessKey?: string; secretAccessKeyFile?: string });
        if (keyId) ref.access_key_id = keyId;
        if (secret) ref.secret_access_key = secret;
      }
      if (opts.roleArn) ref.role_arn = String(opts.roleArn);
      if (opts.externalId) ref.external_id = String(opts.externalId);
      const body: CreateCloudAccount = {
        provider: "aws",
        display_name: String(opts.name),
        external_account_id: String(opts.accountId),
        ...(opts.defaultRegion ? { default_region: String(opts.defaultRegion) } : {}),
        credential_type: type,
        credential_ref: ref,
      };
      const created = await apiClient(opts as { url?: string; apiKey?: string }).createCloudAccount({ body });
      if (opts.json) return void json(created);
      process.stdout.write(`created\n${showAccount(created)}\n`);
      process.stdout.write(
        `\nNext: \`driftwatch accounts setup "${created.display_name}"\` shows the IAM setup for it.\n`,
      );
    }),
  );

  withApiOptions(
    cmd
      .command("test <account>")
      .description("check the stored credential with STS again; exit 1 when AWS refuses it")
      .option("--json", "print JSON"),
  ).action(async (ref: string, opts: { url?: string; apiKey?: string; json?: boolean }) =>
    runApi(async () => {
      const api = apiClient(opts);
      const a = await resolveAccount(api, ref);
      const result = await api.testCloudAccount({ params: { id: a.id } });
      if (opts.json) json(result);
      else if (result.ok && result.caller)
        process.stdout.write(
          `${a.display_name}: ok, signs in to ${result.caller.account} as ${result.caller.arn}\n`,
        );
      else if (result.error) {
        process.stdout.write(
          `${a.display_name}: refused: ${result.error.message} [${result.error.code}${result.error.aws_code ? ` / ${result.error.aws_code}` : ""}]\n  fix: ${result.error.hint}\n`,
        );
      }
      if (!result.ok) process.exitCode = 1;
    }),
  );

  withApiOptions(
    cmd
      .command("setup <account>")
      .description(
        "the IAM setup for an account: Resource Explorer, scan policy, state read, bucket and KMS policies, trust policy",
      )
      .option("--json", "print JSON"),
  ).action(async (ref: string, opts: { url?: string; apiKey?: string; json?: boolean }) =>
    runApi(async () => {
      const api = apiClient(opts);
      const a = await resolveAccount(api, ref);
      const setup = await api.getCloudAccountSetup({ params: { id: a.id } });
      if (opts.json) return void json(setup);
      process.stdout.write(setup.text.endsWith("\n") ? setup.text : `${setup.text}\n`);
    }),
  );

  withApiOptions(
    cmd
      .command("remove <account>")
      .description("delete an account, its sealed credential and the state sources its scans use"),
  ).action(async (ref: string, opts: { url?: string; apiKey?: string }) =>
    runApi(async () => {
      const api = apiClient(opts);
      const a = await resolveAccount(api, ref);
      await api.deleteCloudAccount({ params: { id: a.id } });
      process.stdout.write(`removed ${a.display_name}\n`);
    }),
  );
  return cmd;
}
