import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/infra/logger.ts";

/** A real pino logger whose lines are kept in memory, so tests can grep them (e.g. for secrets). */
export function captureLogger(level = "debug"): { logger: Logger; lines: string[]; text(): string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  return { logger: createLogger(level, stream), lines, text: () => lines.join("\n") };
}
