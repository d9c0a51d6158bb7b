/**
 * Path templates of destinations: a `path_prefix` such as `drift/{org}/{connection}/{full_date}/` whose
 * variables in braces are filled in when an object is written. Pure: no I/O, no Node built-ins (the UI
 * imports it to preview a template as the user types).
 *
 * A template is compiled once (an unknown variable, an empty `{}` or an unbalanced brace is a
 * PathTemplateError naming it and where it is) and rendered per object. Rendering is deterministic: the
 * same values and the same instant give the same key, which is what lets the export outbox write the same
 * key again after a crash and have S3's `If-None-Match: *` turn it into "already written".
 */

export const TEMPLATE_VARIABLES = [
  "org",
  "tenant",
  "connection",
  "contract",
  "account",
  "kind",
  "date",
  "full_date",
  "year",
  "month",
  "day",
  "hour",
  "job_id",
  "env",
  "source_key",
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** What a destination writes; `{kind}` renders as one of these. */
export const EXPORT_KINDS = ["events", "scan-reports", "files"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Variables taken from the instant of the write (UTC), not from a value the caller passes. */
const TIME_VARIABLES = new Set<TemplateVariable>(["date", "full_date", "year", "month", "day", "hour"]);

export const TEMPLATE_VARIABLE_DOCS: Record<TemplateVariable, { meaning: string; example: string }> = {
  org: { meaning: "the organisation's slug", example: "acme" },
  tenant: { meaning: "the same as {org}", example: "acme" },
  connection: { meaning: "the watch connection's name", example: "partner-orders" },
  contract: { meaning: "the contract's name", example: "orders-inbound" },
  account: { meaning: "the AWS account id of a scan", example: "123456789012" },
  kind: { meaning: "events, scan-reports or files", example: "events" },
  date: { meaning: "year and month, YYYYMM (UTC)", example: "202312" },
  full_date: { meaning: "the date, YYYYMMDD (UTC)", example: "20231206" },
  year: { meaning: "YYYY (UTC)", example: "2023" },
  month: { meaning: "MM (UTC)", example: "12" },
  day: { meaning: "DD (UTC)", example: "06" },
  hour: { meaning: "HH, 00–23 (UTC)", example: "14" },
  job_id: { meaning: "the id of the export job (the outbox entry)", example: "e1b2c3d4" },
  env: { meaning: "the installation's environment name (DRIFTWATCH_ENV)", example: "prod" },
  source_key: {
    meaning: "routed files only: the file's key below the watch connection's prefix, slashes kept",
    example: "2023/12/850_1.json",
  },
};

export type TemplateErrorCode =
  | "template.unknown_variable"
  | "template.unbalanced_brace"
  | "template.empty_variable"
  | "template.missing_value"
  | "template.invalid_key";

/** A template that cannot be compiled or rendered: the code, the variable or character, and the fix. */
export class PathTemplateError extends Error {
  readonly code: TemplateErrorCode;
  /** The variable concerned (`{colour}` → `colour`), when there is one. */
  readonly variable: string | undefined;
  /** 0-based position in the template, when the fault is in the template itself. */
  readonly index: number | undefined;
  readonly hint: string;
  constructor(
    code: TemplateErrorCode,
    message: string,
    hint: string,
    opts: { variable?: string; index?: number } = {},
  ) {
    super(message);
    this.name = "PathTemplateError";
    this.code = code;
    this.variable = opts.variable;
    this.index = opts.index;
    this.hint = hint;
  }
}

export type TemplatePart = { literal: string } | { variable: TemplateVariable };

export interface CompiledTemplate {
  source: string;
  parts: readonly TemplatePart[];
  variables: ReadonlySet<TemplateVariable>;
  /** The text before the first variable: what an IAM policy can pin (`exports/{org}/` → `exports/`). */
  literalPrefix: string;
}

const KNOWN = new Set<string>(TEMPLATE_VARIABLES);
const LIST = TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(" ");

export function isTemplateVariable(name: string): name is TemplateVariable {
  return KNOWN.has(name);
}

/** Compiles a template, or throws PathTemplateError naming the unknown variable or the unbalanced brace. */
export function compileTemplate(source: string): CompiledTemplate {
  const parts: TemplatePart[] = [];
  const variables = new Set<TemplateVariable>();
  let literal = "";
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === "}") {
      throw new PathTemplateError(
        "template.unbalanced_brace",
        `The path template has a "}" without a "{" at position ${i + 1}.`,
        `Variables are written in braces, e.g. {org}; remove the stray "}". Known variables: ${LIST}.`,
        { index: i },
      );
    }
    if (ch !== "{") {
      literal += ch;
      i++;
      continue;
    }
    const close = source.indexOf("}", i + 1);
    const nextOpen = source.indexOf("{", i + 1);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      throw new PathTemplateError(
        "template.unbalanced_brace",
        `The path template has a "{" without a "}" at position ${i + 1}.`,
        `Close the variable, e.g. {full_date}. Known variables: ${LIST}.`,
        { index: i },
      );
    }
    const name = source.slice(i + 1, close).trim();
    if (name === "") {
      throw new PathTemplateError(
        "template.empty_variable",
        `The path template has an empty "{}" at position ${i + 1}.`,
        `Put a variable name in the braces or remove them. Known variables: ${LIST}.`,
        { index: i },
      );
    }
    if (!isTemplateVariable(name)) {
      throw new PathTemplateError(
        "template.unknown_variable",
        `The path template uses {${name}}, which is not a variable driftwatch knows.`,
        `Known variables: ${LIST}.${suggestion(name)}`,
        { variable: name, index: i },
      );
    }
    if (literal) parts.push({ literal });
    literal = "";
    parts.push({ variable: name });
    variables.add(name);
    i = close + 1;
  }
  if (literal) parts.push({ literal });
  const first = parts[0];
  const literalPrefix = first && "literal" in first ? first.literal : "";
  return { source, parts, variables, literalPrefix };
}

function suggestion(name: string): string {
  const lower = name.toLowerCase().replace(/[^a-z_]/g, "");
  const aliases: Record<string, TemplateVariable> = {
    tenant_id: "tenant",
    org_id: "org",
    organisation: "org",
    organization: "org",
    env_id: "env",
    environment: "env",
    tap: "connection",
    flow_id: "job_id",
    job: "job_id",
    yyyymm: "date",
    yyyymmdd: "full_date",
    key: "source_key",
    path: "source_key",
  };
  const hit = isTemplateVariable(lower) ? lower : aliases[lower];
  return hit ? ` Did you mean {${hit}}?` : "";
}

/** Values a render needs; the time variables come from `at` (UTC). */
export interface TemplateValues {
  at: Date;
  org?: string;
  connection?: string;
  contract?: string;
  account?: string;
  kind?: ExportKind;
  job_id?: string;
  env?: string;
  source_key?: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * A value as one path segment: letters, digits, `.`, `_` and `-` kept, anything else (slashes, spaces,
 * control characters) turned into `-`, so a name can never add or escape a folder.
 */
export function segment(value: string): string {
  const out = value
    .normalize("NFC")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return out === "" || out === "." || out === ".." ? "_" : out;
}

/** A source key as a relative path: no leading slash, no empty, `.` or `..` segments, no control characters. */
export function relativeKey(value: string): string {
  return value
    .split("/")
    .filter((s) => s !== "" && s !== "." && s !== "..")
    .map((s) => s.replace(/[\u0000-\u001f\u007f]/g, "-"))
    .join("/");
}

function variableValue(name: TemplateVariable, v: TemplateValues): string | undefined {
  const at = v.at;
  switch (name) {
    case "date":
      return `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}`;
    case "full_date":
      return `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
    case "year":
      return String(at.getUTCFullYear());
    case "month":
      return pad(at.getUTCMonth() + 1);
    case "day":
      return pad(at.getUTCDate());
    case "hour":
      return pad(at.getUTCHours());
    case "tenant":
      return v.org === undefined ? undefined : segment(v.org);
    case "source_key":
      return v.source_key === undefined ? undefined : relativeKey(v.source_key);
    default: {
      const raw = v[name];
      return raw === undefined || raw === "" ? undefined : segment(raw);
    }
  }
}

/** The variables of a template that `available` cannot fill (time variables are always available). */
export function missingVariables(
  template: CompiledTemplate,
  available: ReadonlySet<TemplateVariable>,
): TemplateVariable[] {
  return [...template.variables].filter(
    (v) => !TIME_VARIABLES.has(v) && !available.has(v) && !(v === "tenant" && available.has("org")),
  );
}

/** What each kind of export knows when it writes (besides the time). */
export const VARIABLES_FOR: Record<ExportKind, ReadonlySet<TemplateVariable>> = {
  events: new Set(["org", "tenant", "connection", "contract", "kind", "job_id", "env"]),
  "scan-reports": new Set(["org", "tenant", "account", "kind", "job_id", "env"]),
  files: new Set(["org", "tenant", "connection", "contract", "kind", "job_id", "env", "source_key"]),
};

/** S3's limit on a key. */
export const MAX_KEY_BYTES = 1024;

/** Joins key parts with single slashes: no leading slash, no `//`. */
export function joinKey(...parts: string[]): string {
  return parts
    .join("/")
    .split("/")
    .filter((s) => s !== "")
    .join("/");
}

/** Renders a template; a used variable without a value is a PathTemplateError naming it. */
export function renderTemplate(template: CompiledTemplate, values: TemplateValues): string {
  let out = "";
  for (const part of template.parts) {
    if ("literal" in part) {
      out += part.literal;
      continue;
    }
    const value = variableValue(part.variable, values);
    if (value === undefined) {
      throw new PathTemplateError(
        "template.missing_value",
        `{${part.variable}} has no value for ${values.kind ?? "this"} export.`,
        `{${part.variable}} is known for ${kindsKnowing(part.variable)}; remove it from the path prefix or use this destination only for those.`,
        { variable: part.variable },
      );
    }
    out += value;
  }
  return out;
}

function kindsKnowing(variable: TemplateVariable): string {
  if (TIME_VARIABLES.has(variable)) return "every export";
  const kinds = EXPORT_KINDS.filter((k) => VARIABLES_FOR[k].has(variable));
  return kinds.length > 0 ? kinds.join(" and ") : "no export";
}

/**
 * The full key of an object: the rendered prefix, then the object name (unless the template already ends
 * in `{source_key}`, which names the object itself). Throws when the key is over S3's 1024 bytes.
 */
export function objectKey(template: CompiledTemplate, values: TemplateValues, name?: string): string {
  const prefix = renderTemplate(template, values);
  const key = name === undefined ? joinKey(prefix) : joinKey(prefix, name);
  if (key === "") {
    throw new PathTemplateError(
      "template.invalid_key",
      "The path template and object name give an empty key.",
      "Give a path prefix or an object name.",
    );
  }
  if (new TextEncoder().encode(key).length > MAX_KEY_BYTES) {
    throw new PathTemplateError(
      "template.invalid_key",
      `The key ${key.slice(0, 80)}… is longer than S3's ${MAX_KEY_BYTES} bytes.`,
      "Shorten the path prefix.",
    );
  }
  return key;
}

/** For file routing: the object name is the source key unless the template places `{source_key}` itself. */
export function routedObjectKey(template: CompiledTemplate, values: TemplateValues): string {
  if (values.source_key === undefined) {
    throw new PathTemplateError(
      "template.missing_value",
      "A routed file needs its source key.",
      "Pass the key of the file below the connection's prefix.",
      { variable: "source_key" },
    );
  }
  return template.variables.has("source_key")
    ? objectKey(template, values)
    : objectKey(template, values, relativeKey(values.source_key));
}

/** `20231206T140501Z`: a sortable UTC stamp for object names. */
export function compactStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/**
 * What a template could resolve to at `at`, with example values for what only a real export knows
 * (the UI's "could resolve to" line).
 */
export function previewTemplate(
  template: CompiledTemplate,
  at: Date,
  values: Partial<Omit<TemplateValues, "at">> = {},
): string {
  const example = (v: TemplateVariable) => TEMPLATE_VARIABLE_DOCS[v].example;
  return renderTemplate(template, {
    at,
    org: values.org ?? example("org"),
    connection: values.connection ?? example("connection"),
    contract: values.contract ?? example("contract"),
    account: values.account ?? example("account"),
    kind: values.kind ?? "events",
    job_id: values.job_id ?? example("job_id"),
    env: values.env ?? example("env"),
    source_key: values.source_key ?? example("source_key"),
  });
}
