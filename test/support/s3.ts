/**
 * An S3 emulator with one bucket and one key pair, and a real `S3Client` configured for it, for tests:
 *
 *   const s3 = await startS3ForTest();
 *   after(() => s3.close());
 *   await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
 */
import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { startS3Emulator } from "../../devtools/s3-emulator/s3-emulator.server.ts";
import type {
  S3Credentials,
  S3Emulator,
  S3EmulatorOptions,
} from "../../devtools/s3-emulator/s3-emulator.types.ts";

/** Obviously fake key pair (the AWS documentation example), never a real one. */
export const TEST_CREDENTIALS: S3Credentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

/** Client settings; `credentials` is a key pair here (default: the emulator's test pair). */
export type ClientOverrides = Omit<Partial<S3ClientConfig>, "credentials"> & { credentials?: S3Credentials };

export interface S3TestOptions extends Omit<S3EmulatorOptions, "credentials"> {
  /** Bucket created in the emulator. Default "test-bucket". */
  bucket?: string;
  /** Default TEST_CREDENTIALS. */
  credentials?: S3Credentials;
  /** Extra settings for the client (they win over the defaults). */
  client?: ClientOverrides;
}

export interface S3TestContext {
  emulator: S3Emulator;
  client: S3Client;
  bucket: string;
  region: string;
  credentials: S3Credentials;
  /** Another client for the same emulator (other keys, region or retry settings). */
  newClient(overrides?: ClientOverrides): S3Client;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The client settings every S3-compatible endpoint needs (see DESIGN.md §3). */
export function s3ClientFor(
  emulator: Pick<S3Emulator, "endpoint" | "region">,
  credentials: S3Credentials,
  overrides: Omit<Partial<S3ClientConfig>, "credentials"> = {},
): S3Client {
  return new S3Client({
    endpoint: emulator.endpoint,
    region: emulator.region,
    forcePathStyle: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken === undefined ? {} : { sessionToken: credentials.sessionToken }),
    },
    ...overrides,
  });
}

export async function startS3ForTest(options: S3TestOptions = {}): Promise<S3TestContext> {
  const {
    bucket = "test-bucket",
    credentials = TEST_CREDENTIALS,
    client: clientOverrides,
    ...emulatorOptions
  } = options;
  const emulator = await startS3Emulator({ ...emulatorOptions, credentials: [credentials] });
  emulator.createBucket(bucket);
  const clients: S3Client[] = [];
  const newClient: S3TestContext["newClient"] = (overrides = {}) => {
    const { credentials: creds = credentials, ...rest } = overrides;
    const c = s3ClientFor(emulator, creds, rest);
    clients.push(c);
    return c;
  };
  const client = newClient(clientOverrides);
  const close = async () => {
    for (const c of clients) c.destroy();
    await emulator.close();
  };
  return {
    emulator,
    client,
    bucket,
    region: emulator.region,
    credentials,
    newClient,
    close,
    [Symbol.asyncDispose]: close,
  };
}
