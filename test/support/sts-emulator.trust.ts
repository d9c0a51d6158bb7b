/**
 * The part of IAM the STS emulator needs: does a role's trust policy allow this caller to assume it?
 * Allow statements only (no Deny), Action with `*` wildcards, Principal `AWS` (user/role ARN, account root,
 * 12-digit account, `*`) or `Federated` (provider ARN), and the condition operators StringEquals,
 * StringLike and StringNotEquals (with `...IfExists`). A condition on a key the request does not carry
 * fails, as in IAM; condition keys are case-insensitive, values are not.
 */
import type { PolicyDocument } from "../../src/domain/iam-policy.ts";

export interface TrustRequest {
  actions: string[];
  /** AssumeRole: the caller's ARN (a role's ARN for an assumed-role session) and account. */
  principalArn?: string;
  principalAccount?: string;
  /** AssumeRoleWithWebIdentity: the provider ARN. */
  federated?: string;
  /** Condition context: `sts:ExternalId`, `<provider>:sub`, `aws:RequestTag/<k>`, … */
  context: Record<string, string | string[]>;
}

function glob(pattern: string, value: string, caseInsensitive = false): boolean {
  const re = new RegExp(
    `^${pattern
      .split("")
      .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/]/g, "\\$&")))
      .join("")}$`,
    caseInsensitive ? "i" : "",
  );
  return re.test(value);
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function principalMatches(principal: unknown, req: TrustRequest): boolean {
  if (principal === "*") return true;
  if (!principal || typeof principal !== "object") return false;
  const p = principal as { AWS?: string | string[]; Federated?: string | string[] };
  if (req.federated) return list(p.Federated).includes(req.federated);
  for (const entry of list(p.AWS)) {
    if (entry === "*" || entry === req.principalArn) return true;
    if (
      req.principalAccount &&
      (entry === req.principalAccount || entry === `arn:aws:iam::${req.principalAccount}:root`)
    )
      return true;
  }
  return false;
}

function conditionHolds(
  operator: string,
  tests: Record<string, string | string[]>,
  req: TrustRequest,
): boolean {
  const ifExists = operator.endsWith("IfExists");
  const op = ifExists ? operator.slice(0, -"IfExists".length) : operator;
  const context = new Map(Object.entries(req.context).map(([k, v]) => [k.toLowerCase(), list(v)]));
  for (const [key, expected] of Object.entries(tests)) {
    const actual = context.get(key.toLowerCase());
    if (actual === undefined) {
      if (ifExists) continue;
      if (op === "StringNotEquals") continue;
      return false;
    }
    const wanted = list(expected);
    const any = (pred: (a: string, w: string) => boolean) =>
      actual.some((a) => wanted.some((w) => pred(a, w)));
    switch (op) {
      case "StringEquals":
        if (!any((a, w) => a === w)) return false;
        break;
      case "StringLike":
        if (!any((a, w) => glob(w, a))) return false;
        break;
      case "StringNotEquals":
        if (any((a, w) => a === w)) return false;
        break;
      default:
        return false; // an operator we do not model never grants access
    }
  }
  return true;
}

/** True when some Allow statement of the trust policy grants every requested action to this caller. */
export function trustAllows(policy: PolicyDocument, req: TrustRequest): boolean {
  return req.actions.every((action) =>
    policy.Statement.some((s) => {
      if (s.Effect !== "Allow") return false;
      if (!list(s.Action).some((a) => glob(a, action, true))) return false;
      if (!principalMatches(s.Principal, req)) return false;
      return Object.entries(s.Condition ?? {}).every(([operator, tests]) =>
        conditionHolds(operator, tests, req),
      );
    }),
  );
}
