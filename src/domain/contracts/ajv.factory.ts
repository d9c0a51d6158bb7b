/**
 * The Ajv instances used to check records: JSON Schema 2020-12, ajv-formats (full mode, with the
 * formatMinimum/formatMaximum keywords), never `allErrors` on whole records (ANCHORS: a denial-of-service
 * risk), never `$data`. JDK date patterns from contracts are added as named formats.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { jdkPatternToRegExp } from "./formats-catalog.ts";

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext typing
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export type Ajv = InstanceType<typeof Ajv2020>;

export function createAjv(options: { allErrors: boolean }): Ajv {
  const ajv = new Ajv2020({
    allErrors: options.allErrors,
    strict: false,
    verbose: true,
    logger: false,
    validateFormats: true,
    unicodeRegExp: true,
    $data: false,
    inlineRefs: true,
    // decimal multiples as written (multipleOf 0.01 accepts 19.99): a quotient within 1e-9 of a whole number
    multipleOfPrecision: 9,
  });
  addFormats(ajv, { mode: "full", keywords: true });
  return ajv;
}

/** Name of the Ajv format that checks a JDK date pattern, registering it on first use. */
export function jdkFormat(ajv: Ajv, pattern: string): string {
  const name = `jdk:${pattern}`;
  if (ajv.formats[name] === undefined) ajv.addFormat(name, jdkPatternToRegExp(pattern));
  return name;
}
