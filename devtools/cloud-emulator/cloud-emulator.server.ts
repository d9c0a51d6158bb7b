/**
 * Resource Explorer 2 and Cloud Control on one loopback endpoint, over a scripted account, for tests and
 * benches: the real `@aws-sdk/client-resource-explorer-2` and `@aws-sdk/client-cloudcontrol` talk to it
 * unchanged. Every request is SigV4-verified (devtools/sigv4) against the account's keys and the sessions
 * added with `addCredentials` (the STS emulator's `s3` option takes this emulator too), with the JSON
 * services' auth errors (UnrecognizedClientException, ExpiredTokenException, InvalidSignatureException).
 * Quotas are token buckets per quota key; random throttling and injected faults come after authentication.
 *
 *   const cloud = await startCloudEmulator({ account: { accountId, aggregatorRegion, credentials, resources } });
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySigV4 } from "../sigv4/index.ts";
import type { SigV4Credentials } from "../sigv4/sigv4.types.ts";
import { cloudControl, serviceOfType } from "./cloud-emulator.cloud-control.ts";
import { prng, QuotaMeter } from "./cloud-emulator.quota.ts";
import { CloudFailure, type RequestContext, resourceExplorer } from "./cloud-emulator.resource-explorer.ts";
import type {
  CloudCallRecord,
  CloudEmulator,
  CloudEmulatorOptions,
  CloudFault,
  CloudService,
} from "./cloud-emulator.types.ts";

const SIGNING_NAME: Record<CloudService, string> = {
  "resource-explorer-2": "resource-explorer-2",
  cloudcontrol: "cloudcontrolapi",
};
const MAX_CALLS = 200_000;

/** What JSON-protocol services answer for SigV4 problems. */
function authFailure(code: string, message: string): CloudFailure {
  switch (code) {
    case "InvalidAccessKeyId":
    case "InvalidToken":
      return new CloudFailure(
        403,
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
      );
    case "ExpiredToken":
      return new CloudFailure(
        403,
        "ExpiredTokenException",
        "The security token included in the request is expired",
      );
    case "SignatureDoesNotMatch":
      return new CloudFailure(
        403,
        "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
      );
    case "RequestTimeTooSkewed":
      return new CloudFailure(
        403,
        "InvalidSignatureException",
        "Signature expired: the request time is too far from now.",
      );
    case "AccessDenied":
      return new CloudFailure(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    default:
      return new CloudFailure(400, "IncompleteSignatureException", message);
  }
}

const COMMON = new Set([
  "AccessDeniedException",
  "UnrecognizedClientException",
  "ExpiredTokenException",
  "InvalidSignatureException",
  "MissingAuthenticationTokenException",
  "IncompleteSignatureException",
]);

function route(req: IncomingMessage): { service: CloudService; action: string } | undefined {
  if (req.method !== "POST") return undefined;
  const target = req.headers["x-amz-target"];
  if (typeof target === "string" && target.startsWith("CloudApiService.")) {
    return { service: "cloudcontrol", action: target.slice("CloudApiService.".length) };
  }
  const path = (req.url ?? "/").split("?")[0]!;
  if (/^\/[A-Za-z]+$/.test(path)) return { service: "resource-explorer-2", action: path.slice(1) };
  return undefined;
}

export async function startCloudEmulator(opts: CloudEmulatorOptions): Promise<CloudEmulator> {
  const account = opts.account;
  const clock = opts.clock ?? (() => new Date());
  const startedAt = clock();
  const credentials = new Map<string, SigV4Credentials>();
  for (const c of account.credentials ?? []) credentials.set(c.accessKeyId, { ...c });
  const faults: Array<CloudFault & { remaining: number }> = [];
  const calls: CloudCallRecord[] = [];
  const meter = new QuotaMeter(account.quotas ?? {}, () => clock().getTime());
  const random = prng(account.seed ?? 1);
  let randomlyThrottled = 0;
  let byAction: Record<string, number> = {};

  const callerArn = (accessKeyId: string) =>
    accessKeyId.startsWith("ASIA")
      ? `arn:aws:sts::${account.accountId}:assumed-role/DriftwatchScanner/driftwatch`
      : `arn:aws:iam::${account.accountId}:user/driftwatch-scanner`;

  function takeFault(
    service: CloudService,
    action: string,
    body: Record<string, unknown>,
  ): CloudFault | undefined {
    const call = {
      typeName: typeof body.TypeName === "string" ? body.TypeName : undefined,
      identifier: typeof body.Identifier === "string" ? body.Identifier : undefined,
      query: typeof body.QueryString === "string" ? body.QueryString : undefined,
    };
    for (let i = 0; i < faults.length; i++) {
      const f = faults[i]!;
      if (f.service !== service || f.action !== action || (f.match && !f.match(call))) continue;
      if (--f.remaining <= 0) faults.splice(i, 1);
      return f;
    }
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.url === "/__emulator/stats" || req.url === "/__emulator/reset") {
      // Unsigned control endpoints for a bench driving the emulator in another process.
      if (req.url === "/__emulator/reset") reset();
      const json = JSON.stringify(stats());
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
      res.end(json);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const target = route(req);
    const record: CloudCallRecord = {
      service: target?.service ?? "resource-explorer-2",
      action: target?.action ?? "",
      status: 200,
      at: clock().getTime() - startedAt.getTime(),
    };
    if (calls.length < MAX_CALLS) calls.push(record);
    try {
      if (!target) throw new CloudFailure(404, "UnknownOperationException", "Unknown operation");
      byAction[target.action] = (byAction[target.action] ?? 0) + 1;
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const auth = await verifySigV4(
        {
          method: "POST",
          path: q < 0 ? url : url.slice(0, q),
          query: q < 0 ? "" : url.slice(q + 1),
          headers: req.headers,
          body: raw,
        },
        (id) => credentials.get(id),
        { service: SIGNING_NAME[target.service], clock },
      );
      if (!auth.ok) throw authFailure(auth.code, auth.message);
      record.accessKeyId = auth.accessKeyId;
      let body: Record<string, unknown>;
      try {
        body = raw.length === 0 ? {} : (JSON.parse(raw.toString("utf8")) as Record<string, unknown>);
      } catch {
        throw new CloudFailure(400, "SerializationException", "The request body is not valid JSON.");
      }
      if (typeof body.TypeName === "string") record.typeName = body.TypeName;
      if (typeof body.QueryString === "string") record.query = body.QueryString;
      const fault = takeFault(target.service, target.action, body);
      if (fault) throw new CloudFailure(fault.status, fault.code, fault.message ?? fault.code);
      const keys =
        target.service === "cloudcontrol"
          ? ["cloudcontrol", ...(record.typeName ? [`cloudcontrol:${serviceOfType(record.typeName)}`] : [])]
          : ["resource-explorer-2"];
      if (meter.admit(keys) !== undefined)
        throw new CloudFailure(429, "ThrottlingException", "Rate exceeded");
      if (account.throttleRate && random() < account.throttleRate) {
        randomlyThrottled++;
        throw new CloudFailure(429, "ThrottlingException", "Rate exceeded");
      }
      const ctx: RequestContext = { region: auth.region, caller: callerArn(auth.accessKeyId), startedAt };
      const out =
        target.service === "cloudcontrol"
          ? cloudControl(account, target.action, body, ctx)
          : resourceExplorer(account, target.action, body, ctx);
      const json = JSON.stringify(out);
      res.writeHead(200, {
        "content-type": target.service === "cloudcontrol" ? "application/x-amz-json-1.0" : "application/json",
        "content-length": Buffer.byteLength(json),
        "x-amzn-requestid": randomUUID(),
        date: clock().toUTCString(),
      });
      res.end(json);
    } catch (err) {
      const f =
        err instanceof CloudFailure ? err : new CloudFailure(500, "InternalFailure", "internal error");
      if (!(err instanceof CloudFailure))
        process.stderr.write(`cloud-emulator: ${(err as Error)?.stack ?? err}\n`);
      record.status = f.status;
      record.code = f.code;
      const cc = record.service === "cloudcontrol";
      const namespace = COMMON.has(f.code) ? "com.amazon.coral.service" : "com.amazonaws.cloudcontrol";
      const json = JSON.stringify(
        cc ? { __type: `${namespace}#${f.code}`, Message: f.message } : { Message: f.message },
      );
      res.writeHead(f.status, {
        "content-type": cc ? "application/x-amz-json-1.0" : "application/json",
        "content-length": Buffer.byteLength(json),
        "x-amzn-requestid": randomUUID(),
        ...(cc ? {} : { "x-amzn-errortype": f.code }),
        date: clock().toUTCString(),
      });
      res.end(json);
    }
  }

  const stats = () => ({
    perSecond: meter.perSecond,
    overQuota: meter.overQuota,
    randomlyThrottled,
    byAction,
  });
  const reset = () => {
    meter.reset();
    calls.length = 0;
    randomlyThrottled = 0;
    byAction = {};
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${opts.host ?? "127.0.0.1"}:${port}`,
    account,
    calls,
    stats,
    addCredentials: (c) => credentials.set(c.accessKeyId, { ...c }),
    injectFault: (f) => faults.push({ ...f, remaining: f.times ?? Number.POSITIVE_INFINITY }),
    clearFaults: () => {
      faults.length = 0;
    },
    resetStats: reset,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
