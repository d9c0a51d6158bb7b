/**
 * Value formats a contract may name: the string formats Ajv knows, JDK date patterns (`yyyy-MM-dd`) for
 * date, timestamp and time, and ODCS's integer widths (`i32`, `u8`...).
 */

/** String formats checked by ajv-formats (full mode). */
export const STRING_FORMATS = [
  "date",
  "time",
  "date-time",
  "iso-time",
  "iso-date-time",
  "duration",
  "uri",
  "uri-reference",
  "uri-template",
  "url",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "regex",
  "uuid",
  "json-pointer",
  "json-pointer-uri-fragment",
  "relative-json-pointer",
  "byte",
  "int32",
  "int64",
  "float",
  "double",
  "password",
  "binary",
] as const;

export function isStringFormat(name: string): boolean {
  return (STRING_FORMATS as readonly string[]).includes(name);
}

/** Formats whose values Ajv can compare (formatMinimum / formatMaximum). */
export const COMPARABLE_FORMATS = ["date", "time", "date-time", "iso-time", "iso-date-time"] as const;

export function isComparableFormat(name: string): boolean {
  return (COMPARABLE_FORMATS as readonly string[]).includes(name);
}

const INTEGER_WIDTHS: Record<string, [number, number]> = {
  i8: [-128, 127],
  i16: [-32768, 32767],
  i32: [-2147483648, 2147483647],
  i64: [-(2 ** 63), 2 ** 63],
  i128: [-1.7014118346046923e38, 1.7014118346046923e38],
  u8: [0, 255],
  u16: [0, 65535],
  u32: [0, 4294967295],
  u64: [0, 2 ** 64],
  u128: [0, 3.402823669209385e38],
};

/** [min, max] of an ODCS integer format such as `i32`; undefined when the name is not one. */
export function integerWidth(name: string): [number, number] | undefined {
  return INTEGER_WIDTHS[name];
}

const FLOAT_WIDTHS: Record<string, [number, number] | undefined> = {
  f32: [-3.4028234663852886e38, 3.4028234663852886e38],
  f64: undefined,
};

export function isFloatFormat(name: string): boolean {
  return name in FLOAT_WIDTHS;
}

export function floatWidth(name: string): [number, number] | undefined {
  return FLOAT_WIDTHS[name];
}

/** Thrown when a JDK date pattern uses a letter driftwatch does not translate. */
export class UnsupportedDatePatternError extends Error {
  readonly code = "contract.date_pattern";
}

const JDK_TOKENS: Array<[RegExp, (n: number) => string]> = [
  [/^[yu]+/, (n) => (n === 2 ? "\\d{2}" : "\\d{4}")],
  [/^M+/, (n) => (n >= 3 ? "[A-Za-z]{3,9}" : n === 2 ? "(?:0[1-9]|1[0-2])" : "(?:1[0-2]|[1-9])")],
  [/^d+/, (n) => (n === 2 ? "(?:0[1-9]|[12]\\d|3[01])" : "(?:3[01]|[12]\\d|[1-9])")],
  [/^D+/, () => "\\d{1,3}"],
  [/^H+/, (n) => (n === 2 ? "(?:[01]\\d|2[0-3])" : "(?:2[0-3]|1\\d|\\d)")],
  [/^h+/, (n) => (n === 2 ? "(?:0[1-9]|1[0-2])" : "(?:1[0-2]|[1-9])")],
  [/^m+/, (n) => (n === 2 ? "[0-5]\\d" : "(?:[1-5]\\d|\\d)")],
  [/^s+/, (n) => (n === 2 ? "[0-5]\\d" : "(?:[1-5]\\d|\\d)")],
  [/^S+/, (n) => `\\d{${n}}`],
  [/^n+/, () => "\\d{1,9}"],
  [/^a/, () => "(?:AM|PM|am|pm)"],
  [/^E+/, (n) => (n >= 4 ? "[A-Za-z]{6,9}" : "[A-Za-z]{3}")],
  [/^X{3,}/, () => "(?:Z|[+-]\\d{2}:\\d{2})"],
  [/^X{2}/, () => "(?:Z|[+-]\\d{4})"],
  [/^X/, () => "(?:Z|[+-]\\d{2}(?:\\d{2})?)"],
  [/^x{3,}/, () => "[+-]\\d{2}:\\d{2}"],
  [/^x+/, () => "[+-]\\d{2}(?:\\d{2})?"],
  [/^Z+/, () => "[+-]\\d{4}"],
];

/** Translates a JDK DateTimeFormatter pattern (`yyyy-MM-dd HH:mm:ss`) into an anchored regular expression. */
export function jdkPatternToRegExp(pattern: string): RegExp {
  let out = "";
  let rest = pattern;
  while (rest.length > 0) {
    if (rest.startsWith("'")) {
      const close = rest.indexOf("'", 1);
      if (close === -1) throw new UnsupportedDatePatternError(`unclosed quote in date pattern "${pattern}"`);
      const literal = close === 1 ? "'" : rest.slice(1, close);
      out += escapeRegExp(literal);
      rest = rest.slice(close + 1);
      continue;
    }
    const ch = rest[0]!;
    if (/[A-Za-z]/.test(ch)) {
      const token = JDK_TOKENS.find(([re]) => re.test(rest));
      if (token === undefined) {
        throw new UnsupportedDatePatternError(`date pattern letter "${ch}" in "${pattern}" is not supported`);
      }
      const matched = token[0].exec(rest)![0];
      out += token[1](matched.length);
      rest = rest.slice(matched.length);
      continue;
    }
    out += escapeRegExp(ch);
    rest = rest.slice(1);
  }
  return new RegExp(`^${out}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
