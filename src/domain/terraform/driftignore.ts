/**
 * Ignore rules in driftctl's `.driftignore` syntax, kept per account. One rule a line; `#` starts a comment.
 *   aws_s3_bucket.my-bucket        a resource (type.id)
 *   aws_iam_user.*                 every resource of a type; `*` matches any run of characters
 *   *                              everything …
 *   !aws_s3_bucket.*               … except this (a later rule wins over an earlier one, as in .gitignore)
 *   aws_iam_role.api.tags.Owner    a difference on an attribute path (`type.id.path…`, path case-insensitive)
 *   aws_s3_bucket.logs\.example    `\.` is a dot inside a segment, `\\` a backslash, `\*` a literal star
 * The type may be the Terraform type or the CloudFormation type (`AWS::SQS::Queue.*`); the id the Terraform
 * id, the Cloud Control identifier or the ARN.
 */

export interface IgnoreRule {
  negate: boolean;
  type: RegExp;
  id: RegExp;
  /** Empty for a resource rule; the attribute path's segment patterns otherwise. */
  path: RegExp[];
  line: number;
  text: string;
}
export interface IgnoreRules {
  rules: IgnoreRule[];
  /** Lines that were not understood, with the reason (shown to the user, never silently dropped). */
  invalid: Array<{ line: number; text: string; reason: string }>;
}

export const NO_IGNORE_RULES: IgnoreRules = { rules: [], invalid: [] };

/** Splits on unescaped dots; each segment is a list of literal runs and `*` wildcards. */
function segments(line: string): Array<Array<string | typeof STAR>> | string {
  const out: Array<Array<string | typeof STAR>> = [[]];
  let lit = "";
  const flush = () => {
    if (lit) out[out.length - 1]!.push(lit);
    lit = "";
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "\\") {
      const n = line[i + 1];
      if (n === undefined) return "a trailing backslash escapes nothing";
      lit += n;
      i++;
    } else if (c === "*") {
      flush();
      const seg = out[out.length - 1]!;
      if (seg[seg.length - 1] !== STAR) seg.push(STAR);
    } else if (c === ".") {
      flush();
      out.push([]);
    } else lit += c;
  }
  flush();
  return out;
}
const STAR = Symbol("*");

function toRegExp(seg: Array<string | typeof STAR>, flags = ""): RegExp {
  const body = seg.map((p) => (p === STAR ? ".*" : p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))).join("");
  return new RegExp(`^${body}$`, flags);
}

export function parseDriftIgnore(text: string): IgnoreRules {
  const rules: IgnoreRule[] = [];
  const invalid: IgnoreRules["invalid"] = [];
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) return;
    const negate = line.startsWith("!");
    const segs = segments(negate ? line.slice(1) : line);
    if (typeof segs === "string") {
      invalid.push({ line: i + 1, text: rawLine, reason: segs });
      return;
    }
    if (segs.some((s) => s.length === 0)) {
      invalid.push({
        line: i + 1,
        text: rawLine,
        reason: "an empty segment (two dots in a row, or a dot at an end)",
      });
      return;
    }
    const [type, id = [STAR], ...path] = segs;
    rules.push({
      negate,
      type: toRegExp(type!),
      id: toRegExp(id),
      path: path.map((p) => toRegExp(p, "i")),
      line: i + 1,
      text: rawLine,
    });
  });
  return { rules, invalid };
}

/** The resource candidates a rule may name: its types (Terraform, CloudFormation) and ids. */
export interface IgnoreSubject {
  types: ReadonlyArray<string | undefined>;
  ids: ReadonlyArray<string | undefined>;
}

function names(rule: IgnoreRule, s: IgnoreSubject): boolean {
  return (
    s.types.some((t) => t !== undefined && rule.type.test(t)) &&
    s.ids.some((i) => i !== undefined && rule.id.test(i))
  );
}

/** Whether a resource is ignored: the last resource rule naming it decides. */
export function isResourceIgnored(rules: IgnoreRules, s: IgnoreSubject): boolean {
  let ignored = false;
  for (const r of rules.rules) if (r.path.length === 0 && names(r, s)) ignored = !r.negate;
  return ignored;
}

/** Whether one difference of a resource is ignored: the last attribute rule on a prefix of its path decides. */
export function isChangeIgnored(rules: IgnoreRules, s: IgnoreSubject, path: readonly string[]): boolean {
  let ignored = false;
  for (const r of rules.rules) {
    if (r.path.length === 0 || r.path.length > path.length || !names(r, s)) continue;
    if (r.path.every((p, i) => p.test(path[i]!))) ignored = !r.negate;
  }
  return ignored;
}
