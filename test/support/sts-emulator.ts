/**
 * An AWS STS emulator on loopback, speaking the Query protocol (form-encoded POST in, XML out, `ErrorResponse`
 * documents for errors) so the real `@aws-sdk/client-sts` talks to it unchanged.
 *
 * - Signed actions (GetCallerIdentity, AssumeRole) are verified with SigV4 against known IAM users and the
 *   sessions this emulator issued (devtools/sigv4), with STS's error codes: InvalidClientTokenId,
 *   SignatureDoesNotMatch, ExpiredToken.
 * - AssumeRole evaluates the role's trust policy (Principal, sts:ExternalId condition, …).
 * - AssumeRoleWithWebIdentity (unsigned) checks the token like AWS: an OIDC provider registered for the
 *   token's `iss` in the role's account, `aud` in its client-id list, the signature against the issuer's JWKS
 *   fetched over HTTP (`/.well-known/openid-configuration` → `jwks_uri`), `exp`, then the trust policy with
 *   `<provider>:sub`, `<provider>:aud` and `aws:RequestTag/<k>` from the token's session-tag claim.
 * - Issued sessions are registered with the given S3 emulators (`addCredentials`), so S3 accepts them.
 *
 *   const sts = await startStsEmulator({ users: [...], roles: [...], s3: [s3.emulator] });
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySigV4 } from "../../devtools/sigv4/index.ts";
import type { SigV4Credentials } from "../../devtools/sigv4/sigv4.types.ts";
import type { PolicyDocument } from "../../src/domain/iam-policy.ts";
import { type TrustRequest, trustAllows } from "./sts-emulator.trust.ts";
import { checkWebIdentity } from "./sts-emulator.web-identity.ts";
import { esc, NS, StsFailure, stsAuthFailure, xmlDate } from "./sts-emulator.wire.ts";

export interface StsUser {
  accessKeyId: string;
  secretAccessKey: string;
  /** arn:aws:iam::<account>:user/<name> */
  arn: string;
}

export interface StsRole {
  /** arn:aws:iam::<account>:role/<name> */
  arn: string;
  trustPolicy: PolicyDocument;
  maxSessionSeconds?: number;
}

export interface StsOidcProvider {
  /** The account the provider is created in. */
  account: string;
  /** The issuer URL, as given to `aws iam create-open-id-connect-provider --url`. */
  url: string;
  clientIds: string[];
}

export interface StsFault {
  action: string;
  code: string;
  status?: number;
  message?: string;
  times?: number;
}

export interface StsCallRecord {
  action: string;
  status: number;
  code?: string;
  accessKeyId?: string;
  roleArn?: string;
  /** Whether the request carried a SigV4 signature (AssumeRoleWithWebIdentity must not). */
  signed: boolean;
}

export interface StsEmulatorOptions {
  users?: StsUser[];
  roles?: StsRole[];
  oidcProviders?: StsOidcProvider[];
  /** Sessions are registered here so the S3 emulator accepts them. */
  s3?: Array<{ addCredentials(c: SigV4Credentials): void }>;
  clock?: () => Date;
  /** Every issued session lasts this long, whatever was asked (short sessions for refresh tests). */
  sessionSeconds?: number;
  /** Regions STS accepts in a signature's scope. Default: any region code. */
  regions?: string[];
  /** Regions where STS is "not activated" for the account (RegionDisabledException). */
  disabledRegions?: string[];
  /** Maps a URL before it is fetched (the issuer's public https URL → the test server on loopback). */
  resolveUrl?: (url: string) => string;
}

export interface StsEmulator {
  endpoint: string;
  calls: StsCallRecord[];
  /** Sessions issued so far. */
  issued: Array<{ accessKeyId: string; arn: string; expiresAt: Date }>;
  addUser(user: StsUser): void;
  setRole(role: StsRole): void;
  addOidcProvider(provider: StsOidcProvider): void;
  injectFault(fault: StsFault): void;
  close(): Promise<void>;
}

interface Identity {
  arn: string;
  account: string;
  userId: string;
  /** The ARN a trust policy names for this caller (a session's role). */
  principalArn: string;
}

interface Session extends SigV4Credentials {
  sessionToken: string;
  expiresAt: Date;
  identity: Identity;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const randomId = (prefix: string) =>
  prefix + Array.from(randomBytes(16), (b) => ALNUM[b % ALNUM.length]).join("");

function accountOf(arn: string): string {
  return arn.split(":")[4] ?? "";
}

export async function startStsEmulator(opts: StsEmulatorOptions = {}): Promise<StsEmulator> {
  const clock = opts.clock ?? (() => new Date());
  const users = new Map((opts.users ?? []).map((u) => [u.accessKeyId, u]));
  const roles = new Map((opts.roles ?? []).map((r) => [r.arn, r]));
  const providers = [...(opts.oidcProviders ?? [])];
  const sessions = new Map<string, Session>();
  const faults: StsFault[] = [];
  const calls: StsCallRecord[] = [];
  const issued: StsEmulator["issued"] = [];
  const resolve = opts.resolveUrl ?? ((u: string) => u);

  const lookup = (id: string): SigV4Credentials | undefined => {
    const user = users.get(id);
    if (user) return { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey };
    return sessions.get(id);
  };
  const identityOf = (accessKeyId: string): Identity => {
    const session = sessions.get(accessKeyId);
    if (session) return session.identity;
    const user = users.get(accessKeyId)!;
    return {
      arn: user.arn,
      account: accountOf(user.arn),
      userId: `AIDA${accessKeyId.slice(4, 20)}`,
      principalArn: user.arn,
    };
  };

  async function authenticate(
    req: IncomingMessage,
    url: string,
    body: Buffer,
  ): Promise<{ accessKeyId: string; region: string }> {
    const q = url.indexOf("?");
    const result = await verifySigV4(
      {
        method: req.method ?? "POST",
        path: q < 0 ? url : url.slice(0, q),
        query: q < 0 ? "" : url.slice(q + 1),
        headers: req.headers,
        body,
      },
      lookup,
      { service: "sts", clock },
    );
    if (!result.ok) throw stsAuthFailure(result.code, result.message);
    return { accessKeyId: result.accessKeyId, region: result.region };
  }

  function checkRegion(region: string): void {
    if (opts.regions ? !opts.regions.includes(region) : !REGION.test(region)) {
      throw new StsFailure(403, "SignatureDoesNotMatch", "Credential should be scoped to a valid region.");
    }
  }

  function issue(role: StsRole, sessionName: string, requested: number | undefined): Session {
    const max = role.maxSessionSeconds ?? 3600;
    if (requested !== undefined && (requested < 900 || requested > max)) {
      throw new StsFailure(
        400,
        "ValidationError",
        `The requested DurationSeconds exceeds the MaxSessionDuration set for this role (${max}).`,
      );
    }
    const seconds = opts.sessionSeconds ?? requested ?? 3600;
    const name = role.arn.split("/").at(-1)!;
    const account = accountOf(role.arn);
    const session: Session = {
      accessKeyId: randomId("ASIA").slice(0, 20),
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(96).toString("base64")}`,
      expiresAt: new Date(clock().getTime() + seconds * 1000),
      identity: {
        arn: `arn:aws:sts::${account}:assumed-role/${name}/${sessionName}`,
        account,
        userId: `${randomId("AROA").slice(0, 21)}:${sessionName}`,
        principalArn: role.arn,
      },
    };
    sessions.set(session.accessKeyId, session);
    issued.push({
      accessKeyId: session.accessKeyId,
      arn: session.identity.arn,
      expiresAt: session.expiresAt,
    });
    for (const s3 of opts.s3 ?? []) {
      s3.addCredentials({
        accessKeyId: session.accessKeyId,
        secretAccessKey: session.secretAccessKey,
        sessionToken: session.sessionToken,
        expiresAt: session.expiresAt,
      });
    }
    return session;
  }

  function roleFor(params: URLSearchParams, caller: string): StsRole {
    const roleArn = params.get("RoleArn") ?? "";
    if (!/^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(roleArn)) {
      throw new StsFailure(
        400,
        "ValidationError",
        `1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint`,
      );
    }
    const session = params.get("RoleSessionName") ?? "";
    if (!/^[\w+=,.@-]{2,64}$/.test(session)) {
      throw new StsFailure(
        400,
        "ValidationError",
        `1 validation error detected: Value '${session}' at 'roleSessionName' failed to satisfy constraint`,
      );
    }
    const role = roles.get(roleArn);
    if (!role)
      throw new StsFailure(
        403,
        "AccessDenied",
        `${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      );
    return role;
  }

  const credentialsXml = (s: Session) =>
    `<Credentials><AccessKeyId>${s.accessKeyId}</AccessKeyId><SecretAccessKey>${esc(s.secretAccessKey)}</SecretAccessKey>` +
    `<SessionToken>${esc(s.sessionToken)}</SessionToken><Expiration>${xmlDate(s.expiresAt)}</Expiration></Credentials>`;
  const roleUserXml = (s: Session) =>
    `<AssumedRoleUser><AssumedRoleId>${esc(s.identity.userId)}</AssumedRoleId><Arn>${esc(s.identity.arn)}</Arn></AssumedRoleUser>`;

  async function fetchJson(url: string): Promise<Record<string, unknown>> {
    const res = await fetch(resolve(url), { redirect: "error", signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  }

  async function assumeRoleWithWebIdentity(params: URLSearchParams): Promise<string> {
    const token = params.get("WebIdentityToken") ?? "";
    const role = roleFor(params, "An anonymous caller");
    const { claims, providerName, audiences, request } = await checkWebIdentity(token, role.arn, providers, {
      clock,
      fetchJson,
    });
    if (!trustAllows(role.trustPolicy, request)) {
      throw new StsFailure(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }
    const duration = params.get("DurationSeconds");
    const session = issue(role, params.get("RoleSessionName")!, duration ? Number(duration) : undefined);
    return (
      `<AssumeRoleWithWebIdentityResponse xmlns="${NS}"><AssumeRoleWithWebIdentityResult>` +
      `<SubjectFromWebIdentityToken>${esc(String(claims.sub ?? ""))}</SubjectFromWebIdentityToken>` +
      `<Audience>${esc(audiences[0] ?? "")}</Audience>${roleUserXml(session)}${credentialsXml(session)}` +
      `<Provider>${esc(providerName)}</Provider></AssumeRoleWithWebIdentityResult>` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>`
    );
  }

  function assumeRole(params: URLSearchParams, caller: Identity): string {
    const role = roleFor(params, `User: ${caller.arn}`);
    const externalId = params.get("ExternalId");
    if (externalId !== null && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
      throw new StsFailure(
        400,
        "ValidationError",
        "1 validation error detected: Value at 'externalId' failed to satisfy constraint",
      );
    }
    const context: TrustRequest["context"] = {
      "aws:PrincipalArn": caller.principalArn,
      "aws:PrincipalAccount": caller.account,
    };
    if (externalId !== null) context["sts:ExternalId"] = externalId;
    const allowed = trustAllows(role.trustPolicy, {
      actions: ["sts:AssumeRole"],
      principalArn: caller.principalArn,
      principalAccount: caller.account,
      context,
    });
    if (!allowed) {
      throw new StsFailure(
        403,
        "AccessDenied",
        `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${role.arn}`,
      );
    }
    const duration = params.get("DurationSeconds");
    const session = issue(role, params.get("RoleSessionName")!, duration ? Number(duration) : undefined);
    return (
      `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult>${credentialsXml(session)}${roleUserXml(session)}` +
      `</AssumeRoleResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleResponse>`
    );
  }

  function getCallerIdentity(caller: Identity): string {
    return (
      `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>${esc(caller.arn)}</Arn>` +
      `<UserId>${esc(caller.userId)}</UserId><Account>${caller.account}</Account></GetCallerIdentityResult>` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = req.url ?? "/";
    const params = new URLSearchParams(
      req.method === "POST" ? body.toString("utf8") : (url.split("?")[1] ?? ""),
    );
    const action = params.get("Action") ?? "";
    const signed = Boolean(req.headers.authorization) || url.includes("X-Amz-Signature=");
    const record: StsCallRecord = { action, status: 200, signed };
    const roleArn = params.get("RoleArn");
    if (roleArn) record.roleArn = roleArn;
    calls.push(record);
    try {
      const fault = faults.find((f) => f.action === action && (f.times ?? 1) > 0);
      if (fault) {
        fault.times = (fault.times ?? 1) - 1;
        throw new StsFailure(fault.status ?? 400, fault.code, fault.message ?? fault.code);
      }
      let xml: string;
      if (action === "AssumeRoleWithWebIdentity") {
        xml = await assumeRoleWithWebIdentity(params);
      } else if (action === "GetCallerIdentity" || action === "AssumeRole") {
        const auth = await authenticate(req, url, body);
        record.accessKeyId = auth.accessKeyId;
        checkRegion(auth.region);
        if (opts.disabledRegions?.includes(auth.region)) {
          throw new StsFailure(
            403,
            "RegionDisabledException",
            `STS is not activated in this region for account:${identityOf(auth.accessKeyId).account}. Your account administrator can activate STS in this region using the IAM Console.`,
          );
        }
        const caller = identityOf(auth.accessKeyId);
        xml = action === "AssumeRole" ? assumeRole(params, caller) : getCallerIdentity(caller);
      } else {
        throw new StsFailure(
          400,
          "InvalidAction",
          `Could not find operation ${action} for version 2011-06-15`,
        );
      }
      res.writeHead(200, {
        "content-type": "text/xml",
        "x-amzn-requestid": randomUUID(),
        date: clock().toUTCString(),
      });
      res.end(xml);
    } catch (err) {
      const f = err instanceof StsFailure ? err : new StsFailure(500, "InternalFailure", "internal error");
      record.status = f.status;
      record.code = f.code;
      res.writeHead(f.status, {
        "content-type": "text/xml",
        "x-amzn-requestid": randomUUID(),
        date: clock().toUTCString(),
      });
      res.end(
        `<ErrorResponse xmlns="${NS}"><Error><Type>${f.status >= 500 ? "Receiver" : "Sender"}</Type>` +
          `<Code>${esc(f.code)}</Code><Message>${esc(f.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    calls,
    issued,
    addUser: (u) => users.set(u.accessKeyId, u),
    setRole: (r) => roles.set(r.arn, r),
    addOidcProvider: (p) => providers.push(p),
    injectFault: (f) => faults.push({ ...f }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
