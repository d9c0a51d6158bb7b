import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger } from "pino";

/**
 * Field names whose values never reach a log line, at any depth we log. Request bodies are not logged at all;
 * this list is the second line of defence for objects passed to the logger by hand.
 */
export const REDACTED_KEYS = [
  "authorization",
  "cookie",
  "password",
  "secret",
  "secret_access_key",
  "secretAccessKey",
  "session_token",
  "sessionToken",
  "access_key_id",
  "accessKeyId",
  "credentials",
  "api_key",
  "apiKey",
  "key_material",
  "token",
  "master_key",
  "private_key",
];

const redactPaths = [
  ...REDACTED_KEYS.map((k) => k),
  ...REDACTED_KEYS.map((k) => `*.${k}`),
  ...REDACTED_KEYS.map((k) => `*.*.${k}`),
  'req.headers["authorization"]',
  'req.headers["x-amz-security-token"]',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "driftwatch" },
      redact: { paths: redactPaths, censor: "[redacted]" },
      serializers: {
        err: pino.stdSerializers.err,
        req: (req: { method?: string; url?: string; id?: string }) => ({
          method: req.method,
          url: req.url,
          id: req.id,
        }),
      },
    },
    destination,
  );
}
