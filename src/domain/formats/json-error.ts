/**
 * Where a JSON text is broken. JSON.parse does the parsing (fast, exact); when it fails, its message
 * usually carries the position, and when it does not (a trailing comma, a bad literal) jsonc-parser
 * scans the text again to place the first error.
 */
import { printParseErrorCode, visit } from "jsonc-parser";
import { lineColumnAt } from "./text.ts";

export interface JsonErrorLocation {
  message: string;
  offset: number;
  line: number;
  column: number;
}

const POSITION = /at position (\d+)/;

/** Locates the first syntax error of `text`, given the error JSON.parse threw on it. */
export function locateJsonError(text: string, error: unknown): JsonErrorLocation {
  const raw = error instanceof Error ? error.message : String(error);
  let offset: number | undefined;
  const match = POSITION.exec(raw);
  if (match !== null) offset = Number(match[1]);
  else if (/Unexpected end of JSON input/.test(raw)) offset = text.length;
  let reason: string | undefined;
  if (offset === undefined) {
    try {
      visit(
        text,
        {
          onError: (code, at) => {
            if (offset === undefined) {
              offset = at;
              reason = printParseErrorCode(code);
            }
          },
        },
        { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
      );
    } catch {
      // a pathological text (for example nesting deeper than the stack): keep the message alone
    }
  }
  const at = offset ?? 0;
  const { line, column } = lineColumnAt(text, at);
  return { message: describe(raw, reason), offset: at, line, column };
}

/** A short message without the echo of the input that V8 puts into some of its messages. */
function describe(raw: string, reason: string | undefined): string {
  const withoutEcho = raw
    .replace(/^(Unexpected token '.+?'),.* is not valid JSON$/s, "$1")
    .replace(/ \(line \d+ column \d+\)$/, "")
    .replace(/ at position \d+$/, "");
  if (reason === undefined) return withoutEcho;
  const words = reason.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return `${withoutEcho} (${words})`;
}
