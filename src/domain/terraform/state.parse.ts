import type { ProviderRef, StateResource, TerraformState } from "./state.model.ts";

/**
 * Terraform state v4 JSON, read without provider schemas. Data sources are skipped; modules, `count` and
 * `for_each` instances, deposed objects, tainted objects and aliased providers are kept apart.
 */

/** Larger states are refused (the seed's parser cap): split them into workspaces. */
export const MAX_STATE_BYTES = 10 * 1024 * 1024;

export type TerraformStateErrorCode =
  | "terraform.state_too_large"
  | "terraform.state_not_json"
  | "terraform.state_unsupported_version"
  | "terraform.state_invalid";

/** A state that cannot be read; `code` is stable, `hint` says what to do. */
export class TerraformStateError extends Error {
  readonly code: TerraformStateErrorCode;
  readonly hint: string;
  constructor(code: TerraformStateErrorCode, message: string, hint: string) {
    super(message);
    this.name = "TerraformStateError";
    this.code = code;
    this.hint = hint;
  }
}

/** Refuses a state by its length in bytes, before it is read (the infra layer calls it on Content-Length too). */
export function assertStateSize(bytes: number, source = "state"): void {
  if (bytes > MAX_STATE_BYTES) {
    throw new TerraformStateError(
      "terraform.state_too_large",
      `${source} is ${(bytes / 1048576).toFixed(1)} MiB; states over 10 MiB are refused.`,
      "Split the state into smaller states or workspaces; open an issue if you have a legitimate use case above the cap.",
    );
  }
}

/**
 * The object key of a state in an S3 backend: `<key>` for the default workspace, `<prefix>/<workspace>/<key>`
 * otherwise, with Terraform's default prefix `env:` (the S3 backend's `workspace_key_prefix`).
 */
export function workspaceStateKey(key: string, workspace?: string, workspaceKeyPrefix = "env:"): string {
  if (workspace === undefined || workspace === "" || workspace === "default") return key;
  const prefix = workspaceKeyPrefix.replace(/\/+$/, "");
  return `${prefix}/${workspace}/${key}`;
}

const PROVIDER_RE = /^provider\["(?:([^"/]+)\/)?(?:([^"/]+)\/)?([^"/]+)"\](?:\.([A-Za-z0-9_-]+))?$/;
const providerCache = new Map<string, ProviderRef>();

/** Parses `provider["registry.terraform.io/hashicorp/aws"].alias` (and the legacy `provider.aws.alias`). */
export function parseProviderRef(raw: string): ProviderRef {
  const cached = providerCache.get(raw);
  if (cached) return cached;
  let ref: ProviderRef;
  const m = PROVIDER_RE.exec(raw);
  if (m) {
    // with two segments the first is the namespace; with three, hostname/namespace/type
    const namespace = m[2] !== undefined ? m[2] : (m[1] ?? "hashicorp");
    ref = { name: m[3]!, namespace, raw, ...(m[4] ? { alias: m[4] } : {}) };
  } else {
    const legacy = /^(?:module\.[^.]+\.)*provider\.([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?$/.exec(raw);
    ref = legacy
      ? { name: legacy[1]!, namespace: "hashicorp", raw, ...(legacy[2] ? { alias: legacy[2] } : {}) }
      : { name: raw, namespace: "", raw };
  }
  providerCache.set(raw, ref);
  return ref;
}

function indexSuffix(key: unknown): string {
  if (key === undefined || key === null) return "";
  return typeof key === "number" ? `[${key}]` : `[${JSON.stringify(String(key))}]`;
}

function sensitiveNames(paths: unknown): ReadonlySet<string> {
  if (!Array.isArray(paths) || paths.length === 0) return EMPTY;
  const out = new Set<string>();
  for (const p of paths) {
    // each entry is a path: a list of steps ({type:"get_attr",value:"password"}, …); older states nest it once more
    const steps = Array.isArray(p) ? p : p && typeof p === "object" && "value" in p ? [p] : [];
    const first = steps[0] as { type?: string; value?: unknown } | undefined;
    if (first?.type === "get_attr" && typeof first.value === "string") out.add(first.value);
  }
  return out;
}
const EMPTY: ReadonlySet<string> = new Set();

function invalid(source: string, what: string): TerraformStateError {
  return new TerraformStateError(
    "terraform.state_invalid",
    `${source} is not a valid Terraform state: ${what}.`,
    "Point the state source at the file Terraform writes (terraform.tfstate, or `terraform state pull` output).",
  );
}

/** Parses state JSON text (or bytes). Throws `TerraformStateError` with a stable code when it cannot. */
export function parseTerraformState(input: string | Uint8Array, source = "state"): TerraformState {
  assertStateSize(typeof input === "string" ? Buffer.byteLength(input) : input.byteLength, source);
  const text = typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: false }).decode(input);
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new TerraformStateError(
      "terraform.state_not_json",
      `${source} is not JSON (${(err as Error).message}).`,
      "The object must be a Terraform state file; an encrypted or binary object cannot be read.",
    );
  }
  return stateFromJson(doc, source);
}

/** Builds the parsed state from an already-parsed JSON document. */
export function stateFromJson(doc: unknown, source = "state"): TerraformState {
  if (!doc || typeof doc !== "object" || Array.isArray(doc))
    throw invalid(source, "the document is not an object");
  const d = doc as Record<string, unknown>;
  if (d.version !== 4) {
    const v = d.version === undefined ? "no version" : `version ${JSON.stringify(d.version)}`;
    throw new TerraformStateError(
      "terraform.state_unsupported_version",
      `${source} has ${v}; only state format version 4 (Terraform 0.12 and later, OpenTofu) is read.`,
      d.version === 3 || d.version === 2 || d.version === 1
        ? "Run `terraform apply` (or `terraform state push` after `terraform state pull`) with Terraform 0.12+ to upgrade it."
        : "Check that the object is a Terraform state file.",
    );
  }
  if (typeof d.lineage !== "string" || typeof d.serial !== "number")
    throw invalid(source, "serial or lineage is missing");
  const list = d.resources ?? [];
  if (!Array.isArray(list)) throw invalid(source, "`resources` is not a list");
  const resources: StateResource[] = [];
  let dataSources = 0;
  for (const r of list as Array<Record<string, unknown>>) {
    if (!r || typeof r !== "object") throw invalid(source, "a resource is not an object");
    if (r.mode === "data") {
      dataSources++;
      continue;
    }
    if (r.mode !== "managed") throw invalid(source, `resource mode ${JSON.stringify(r.mode)} is unknown`);
    const type = r.type;
    const name = r.name;
    if (typeof type !== "string" || typeof name !== "string")
      throw invalid(source, "a resource has no type or name");
    const module = typeof r.module === "string" ? r.module : "";
    const provider = parseProviderRef(typeof r.provider === "string" ? r.provider : "");
    const base = `${module ? `${module}.` : ""}${type}.${name}`;
    const instances = Array.isArray(r.instances) ? (r.instances as Array<Record<string, unknown>>) : [];
    for (const inst of instances) {
      const attributes = inst.attributes;
      if (!attributes || typeof attributes !== "object") continue; // no object recorded (flatmap-only legacy)
      const indexKey = inst.index_key;
      const deposed = typeof inst.deposed === "string" ? inst.deposed : undefined;
      const res: StateResource = {
        address: `${base}${indexSuffix(indexKey)}${deposed ? ` (deposed ${deposed})` : ""}`,
        module,
        type,
        name,
        provider,
        attributes: attributes as Record<string, unknown>,
        sensitive: sensitiveNames(inst.sensitive_attributes),
        tainted: inst.status === "tainted",
      };
      if (typeof indexKey === "string" || typeof indexKey === "number") res.indexKey = indexKey;
      if (deposed) res.deposed = deposed;
      if (typeof inst.schema_version === "number") res.schemaVersion = inst.schema_version;
      resources.push(res);
    }
  }
  return {
    source,
    ...(typeof d.terraform_version === "string" ? { terraformVersion: d.terraform_version } : {}),
    serial: d.serial,
    lineage: d.lineage,
    resources,
    dataSources,
  };
}
