/**
 * The verifier as a Query-protocol emulator uses it: a minimal STS GetCallerIdentity endpoint, called by
 * the real `@aws-sdk/client-sts`.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { SigV4Credentials } from "./sigv4.types.ts";
import { verifySigV4 } from "./sigv4.verify.ts";

const KEY: SigV4Credentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

describe("verifySigV4 behind a Query-protocol endpoint", () => {
  let server: Server;
  let endpoint: string;

  before(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const result = await verifySigV4(
        {
          method: req.method ?? "POST",
          path: q < 0 ? url : url.slice(0, q),
          query: q < 0 ? "" : url.slice(q + 1),
          headers: req.headers,
          body: Buffer.concat(chunks),
        },
        (id) => (id === KEY.accessKeyId ? KEY : undefined),
        { service: "sts", expectedRegion: "us-east-1" },
      );
      res.setHeader("Content-Type", "text/xml");
      if (!result.ok) {
        res.statusCode = result.status;
        res.end(
          `<ErrorResponse><Error><Type>Sender</Type><Code>${result.code}</Code><Message>${result.message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
        );
        return;
      }
      res.end(
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
          `<Arn>arn:aws:iam::123456789012:user/${result.accessKeyId}</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>` +
          `</GetCallerIdentityResult><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const client = (secretAccessKey: string) =>
    new STSClient({
      endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: KEY.accessKeyId, secretAccessKey },
      maxAttempts: 1,
    });

  test("the right key pair gets its identity; a wrong secret is SignatureDoesNotMatch", async () => {
    const good = client(KEY.secretAccessKey);
    const id = await good.send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, `arn:aws:iam::123456789012:user/${KEY.accessKeyId}`);
    good.destroy();

    const bad = client("wrongSecretKeyEXAMPLEKEYwrongSecretKey000");
    await assert.rejects(
      bad.send(new GetCallerIdentityCommand({})),
      (e: Error & { $metadata: { httpStatusCode?: number } }) => {
        assert.equal(e.name, "SignatureDoesNotMatch");
        assert.equal(e.$metadata.httpStatusCode, 403);
        return true;
      },
    );
    bad.destroy();
  });
});
