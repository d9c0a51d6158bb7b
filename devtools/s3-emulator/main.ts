/**
 * Runs the S3 emulator on its own:
 *
 *   node devtools/s3-emulator/main.ts --port 9000 --bucket demo \
 *     --access-key-id AKIAIOSFODNN7EXAMPLE --secret-access-key <secret> [--region eu-west-1] [--dir ./.s3]
 *
 * The secret may come from S3_EMULATOR_SECRET_ACCESS_KEY instead (kept out of the process list).
 * Prints the endpoint on the first line of stdout, details on stderr; stops on SIGINT / SIGTERM.
 */
import { parseArgs } from "node:util";
import { startS3Emulator } from "./s3-emulator.server.ts";

const USAGE = `usage: main.ts --access-key-id ID (--secret-access-key SECRET | env S3_EMULATOR_SECRET_ACCESS_KEY)
               [--port 9000] [--host 127.0.0.1] [--region us-east-1] [--bucket NAME]... [--dir PATH]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse().values;
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const accessKeyId = values["access-key-id"];
  const secretAccessKey = values["secret-access-key"] ?? process.env["S3_EMULATOR_SECRET_ACCESS_KEY"];
  if (!accessKeyId || !secretAccessKey) fail("An access key id and a secret access key are required.");
  const port = Number(values.port ?? "0");
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`Invalid --port ${values.port}`);

  const emulator = await startS3Emulator({
    port,
    host: values.host ?? "127.0.0.1",
    region: values.region ?? "us-east-1",
    credentials: [{ accessKeyId, secretAccessKey }],
    ...(values.dir === undefined ? {} : { persistDir: values.dir }),
  });
  for (const bucket of values.bucket ?? []) {
    try {
      emulator.createBucket(bucket);
    } catch (err) {
      if ((err as { code?: string }).code !== "BucketAlreadyOwnedByYou") {
        await emulator.close();
        fail((err as Error).message);
      }
    }
  }
  process.stdout.write(`${emulator.endpoint}\n`);
  process.stderr.write(
    `S3 emulator on ${emulator.endpoint}, region ${emulator.region}, access key id ${accessKeyId}` +
      `${values.bucket?.length ? `, buckets ${values.bucket.join(", ")}` : ""}` +
      `${values.dir ? `, objects kept in ${values.dir}` : ", objects in memory"}; path-style only.\n`,
  );
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function parse() {
  return parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      region: { type: "string" },
      bucket: { type: "string", multiple: true },
      "access-key-id": { type: "string" },
      "secret-access-key": { type: "string" },
      dir: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
}

await main();
