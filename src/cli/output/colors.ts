/** ANSI colours for terminal output: on only when the stream is a TTY and NO_COLOR is not set. */
import type { Severity } from "../../domain/drift/drift-event.ts";

export interface Palette {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  severity(severity: Severity, text: string): string;
}

const CODES: Record<Severity, string> = {
  info: "36", // cyan
  warning: "33", // yellow
  error: "31", // red
  critical: "1;35", // bold magenta
};

export function colorsEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true && env.TERM !== "dumb";
}

export function palette(enabled: boolean): Palette {
  const wrap = (code: string) => (text: string) => (enabled ? `\u001b[${code}m${text}\u001b[0m` : text);
  return {
    enabled,
    bold: wrap("1"),
    dim: wrap("2"),
    green: wrap("32"),
    severity: (severity, text) => wrap(CODES[severity])(text),
  };
}
