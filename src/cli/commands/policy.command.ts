import { Command, Option } from "commander";
import {
  buildPolicy,
  PARTITIONS,
  PolicyInputError,
  type PolicyKind,
  type PolicyParams,
  renderPolicy,
} from "../../domain/iam-policy.ts";
import { ConfigError, loadConfig } from "../../infra/config.ts";

const usageExit = (err: { exitCode: number }): never => process.exit(err.exitCode === 0 ? 0 : 2);

interface Flags {
  bucket?: string;
  prefix?: string;
  kmsKey?: string;
  partition?: string;
  principal?: string;
  externalId?: string;
  accountId?: string;
  issuer?: string;
  audience?: string;
  orgId?: string;
  access?: string;
  notes: boolean;
}

type FlagName = "bucket" | "kms" | "principal" | "externalId" | "account" | "oidc" | "access";

const KINDS: Array<{ kind: PolicyKind; summary: string; flags: FlagName[] }> = [
  {
    kind: "s3-source",
    summary: "read a watched bucket/prefix (ListBucket + GetObject)",
    flags: ["bucket", "kms"],
  },
  {
    kind: "s3-destination",
    summary: "write exports (PutObject; DeleteObject only for the connection test)",
    flags: ["bucket", "kms"],
  },
  {
    kind: "state-read",
    summary: "read Terraform state (GetObject, GetObjectVersion, ListBucket; KMS with --kms-key)",
    flags: ["bucket", "kms"],
  },
  {
    kind: "trust-role",
    summary: "trust policy of a role driftwatch assumes with its key, pinned by sts:ExternalId",
    flags: ["principal", "externalId"],
  },
  {
    kind: "trust-oidc",
    summary: "trust policy of a role driftwatch assumes with its own OIDC token",
    flags: ["account", "oidc"],
  },
  {
    kind: "bucket-policy",
    summary: "bucket policy granting a principal of another account",
    flags: ["bucket", "principal", "access"],
  },
];

function kindCommand(kind: PolicyKind, summary: string, flags: FlagName[]): Command {
  const cmd = new Command(kind).description(summary);
  if (flags.includes("bucket")) {
    cmd
      .option("--bucket <name>", "bucket name")
      .option("--prefix <prefix>", "key prefix, e.g. incoming/orders/");
  }
  if (flags.includes("kms")) cmd.option("--kms-key <arn>", "KMS key ARN when the bucket uses SSE-KMS");
  if (flags.includes("principal")) {
    cmd.option("--principal <arn>", "IAM user or role ARN driftwatch signs in as (or a 12-digit account id)");
  }
  if (flags.includes("externalId")) {
    cmd.option("--external-id <id>", "your organisation's external id (GET /api/v1/org)");
  }
  if (flags.includes("account")) cmd.option("--account-id <id>", "12-digit AWS account id of the role");
  if (flags.includes("oidc")) {
    cmd
      .option("--org-id <uuid>", "your driftwatch organisation id (GET /api/v1/org)")
      .option("--issuer <url>", "driftwatch's public URL (default: DRIFTWATCH_PUBLIC_URL)")
      .option("--audience <aud>", "token audience (default: DRIFTWATCH_OIDC_AUDIENCE)");
  }
  if (flags.includes("access")) {
    cmd.addOption(
      new Option("--access <kind>", "what the principal does").choices([
        "source",
        "state-read",
        "destination",
      ]),
    );
  }
  return cmd
    .addOption(new Option("--partition <partition>", "AWS partition").choices([...PARTITIONS]))
    .option("--no-notes", "do not print the notes (on stderr)")
    .showHelpAfterError()
    .exitOverride(usageExit)
    .action((opts: Flags) => {
      process.exitCode = run(kind, opts, flags.includes("oidc"));
    });
}

function run(kind: PolicyKind, opts: Flags, oidc: boolean): number {
  const params: PolicyParams = {};
  const set = (key: keyof PolicyParams, value: string | undefined) => {
    if (value !== undefined) params[key] = value;
  };
  set("bucket", opts.bucket);
  set("prefix", opts.prefix);
  set("kms_key_arn", opts.kmsKey);
  set("partition", opts.partition);
  set("principal_arn", opts.principal);
  set("external_id", opts.externalId);
  set("account_id", opts.accountId);
  set("org_id", opts.orgId);
  set("access", opts.access);
  if (oidc) {
    try {
      const config = loadConfig();
      params.issuer = opts.issuer ?? config.publicUrl;
      params.audience = opts.audience ?? config.federation.audience;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      process.stderr.write(`driftwatch: ${err.message}\n`);
      return 2;
    }
  }
  try {
    const built = buildPolicy(kind, params);
    process.stdout.write(renderPolicy(built.policy));
    if (opts.notes) for (const note of built.notes) process.stderr.write(`note: ${note}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof PolicyInputError)) throw err;
    const flag = `--${err.field.replace(/_arn$/, "").replace(/_/g, "-")}`;
    process.stderr.write(`driftwatch: ${flag}: ${err.message}\n  ${err.hint}\n`);
    return 2;
  }
}

/** `driftwatch policy <kind> …`: the least-privilege IAM policy JSON on stdout, notes on stderr. */
export function policyCommand(): Command {
  const command = new Command("policy")
    .description("print a least-privilege IAM policy (JSON on stdout, notes on stderr)")
    .exitOverride(usageExit);
  for (const { kind, summary, flags } of KINDS) command.addCommand(kindCommand(kind, summary, flags));
  return command;
}
