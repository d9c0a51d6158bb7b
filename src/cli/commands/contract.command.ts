import { readFile, stat, writeFile } from "node:fs/promises";
import { Command, Option } from "commander";
import {
  analyzeContract,
  contractToYaml,
  ENUM_MAX_VALUES,
  FILE_FORMATS,
  type FileFormat,
  InferError,
  inferContract,
} from "../../domain/contracts/index.ts";
import { colorsEnabled, palette } from "../output/colors.ts";
import { fsReason, plural } from "../output/fs-error.ts";
import { renderIssues } from "../output/lint-report.ts";

/** Largest sample file `contract infer` reads (samples are held in memory). */
const MAX_SAMPLE_BYTES = 256 * 1024 * 1024;

const usageExit = (err: { exitCode: number }): never => process.exit(err.exitCode === 0 ? 0 : 2);

/** `driftwatch contract infer|lint` */
export function contractCommand(): Command {
  const command = new Command("contract")
    .description("infer, lint or convert data contracts")
    .showHelpAfterError("(run driftwatch contract --help for the commands)")
    .exitOverride(usageExit);
  command.addCommand(inferCommand());
  command.addCommand(lintCommand());
  command.addCommand(convertCommand());
  return command;
}

interface InferFlags {
  format: "yaml" | "json";
  id?: string;
  name?: string;
  fileFormat?: FileFormat;
}

function inferCommand(): Command {
  return new Command("infer")
    .description("write an ODCS v3.1 contract inferred from sample files (which then pass it)")
    .argument("<files...>", "sample files: JSON, NDJSON, CSV or Parquet")
    .addOption(new Option("--format <format>", "output format").choices(["yaml", "json"]).default("yaml"))
    .option("--id <id>", "contract id (default: from the first file name)")
    .option("--name <name>", "schema object name (default: from the first file name)")
    .addOption(
      new Option("--file-format <format>", "read the samples as this format").choices([...FILE_FORMATS]),
    )
    .addHelpText(
      "after",
      `
Types are widened across records (integer and number give number); a field is required
when it is present and non-null in every record; strings that all match date, timestamp,
time, uuid or email get that type or format; a string field with at most ${ENUM_MAX_VALUES} distinct
values, each seen twice on average, gets an invalidValues rule listing them (an enum).
Arrays of objects are inferred recursively. CSV gives columns and the delimiter.
Parquet is described from its own schema.`,
    )
    .showHelpAfterError("(run driftwatch contract infer --help for the options)")
    .exitOverride(usageExit)
    .action(async (files: string[], flags: InferFlags) => {
      process.exitCode = await runInfer(files, flags);
    });
}

async function runInfer(files: string[], flags: InferFlags): Promise<number> {
  const samples: Array<{ key: string; bytes: Uint8Array }> = [];
  for (const file of files) {
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a regular file");
      if (info.size > MAX_SAMPLE_BYTES)
        throw new Error(`larger than ${MAX_SAMPLE_BYTES} bytes; use a smaller sample`);
      samples.push({ key: file, bytes: await readFile(file) });
    } catch (e) {
      process.stderr.write(`driftwatch: cannot read ${file}: ${fsReason(e)}\n`);
      return 2;
    }
  }
  let doc: object;
  try {
    doc = inferContract(samples, {
      ...(flags.id ? { id: flags.id } : {}),
      ...(flags.name ? { name: flags.name } : {}),
      ...(flags.fileFormat ? { format: flags.fileFormat } : {}),
    });
  } catch (e) {
    if (e instanceof InferError) {
      process.stderr.write(`driftwatch: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  process.stdout.write(flags.format === "json" ? `${JSON.stringify(doc, null, 2)}\n` : contractToYaml(doc));
  return 0;
}

function lintCommand(): Command {
  return new Command("lint")
    .description(
      "validate a contract against the ODCS standard and driftwatch's checks; problems as file:line:column",
    )
    .argument("<contract>", "ODCS v3.x YAML/JSON, a Data Contract Specification document, or a JSON Schema")
    .option("--json", "print the problems as a JSON array")
    .addHelpText(
      "after",
      "\nErrors break the standard (or make the contract unreadable) and block its use; warnings do not.\nExit codes: 0 no errors (warnings may be printed), 1 errors found, 2 the file cannot be read.",
    )
    .showHelpAfterError("(run driftwatch contract lint --help for the options)")
    .exitOverride(usageExit)
    .action(async (file: string, flags: { json?: boolean }) => {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (e) {
        process.stderr.write(`driftwatch: cannot read ${file}: ${fsReason(e)}\n`);
        process.exitCode = 2;
        return;
      }
      const analysis = analyzeContract(text);
      const issues = analysis.issues;
      const errors = issues.filter((i) => i.severity === "error").length;
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(issues, null, 2)}\n`);
      } else {
        const c = palette(colorsEnabled(process.stdout));
        if (issues.length > 0) process.stdout.write(`${renderIssues(file, issues, c)}\n`);
        const warnings = issues.length - errors;
        const what =
          analysis.document?.label ??
          (analysis.unparsed ? "not valid YAML or JSON" : "not a contract driftwatch reads");
        process.stdout.write(
          errors === 0
            ? `${file}: ${what} — valid${warnings > 0 ? ` (${plural(warnings, "warning")})` : ""}\n`
            : `${file}: ${what} — ${plural(errors, "error")}, ${plural(warnings, "warning")}\n`,
        );
      }
      process.exitCode = errors > 0 ? 1 : 0;
    });
}

function convertCommand(): Command {
  return new Command("convert")
    .description("write the ODCS v3.1.0 version of a Data Contract Specification document")
    .argument("<contract>", "a Data Contract Specification document (YAML or JSON)")
    .addOption(new Option("--format <format>", "output format").choices(["yaml", "json"]).default("yaml"))
    .option("-o, --output <file>", "write to this file instead of standard output")
    .addHelpText(
      "after",
      "\nThe conversion is what driftwatch checks files against when it reads the document; lint it with\n`driftwatch contract lint`. Exit codes: 0 written, 1 the document has errors, 2 the file cannot be read.",
    )
    .showHelpAfterError("(run driftwatch contract convert --help for the options)")
    .exitOverride(usageExit)
    .action(async (file: string, flags: { format: "yaml" | "json"; output?: string }) => {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (e) {
        process.stderr.write(`driftwatch: cannot read ${file}: ${fsReason(e)}\n`);
        process.exitCode = 2;
        return;
      }
      const analysis = analyzeContract(text);
      if (analysis.document?.kind !== "dcs" || analysis.odcs === undefined) {
        const what =
          analysis.document === undefined
            ? "not a contract driftwatch reads"
            : analysis.document.kind === "odcs"
              ? `already an ${analysis.document.label}`
              : `a ${analysis.document.label}`;
        process.stderr.write(
          `driftwatch: ${file} is ${what}; convert reads Data Contract Specification documents (dataContractSpecification: 1.x)\n`,
        );
        process.exitCode = 2;
        return;
      }
      const errors = analysis.issues.filter((i) => i.severity === "error");
      if (errors.length > 0) {
        const c = palette(colorsEnabled(process.stderr));
        process.stderr.write(`driftwatch: ${file} has errors:\n${renderIssues(file, analysis.issues, c)}\n`);
        process.exitCode = 1;
        return;
      }
      const out =
        flags.format === "json"
          ? `${JSON.stringify(analysis.odcs, null, 2)}\n`
          : contractToYaml(analysis.odcs);
      if (flags.output === undefined) process.stdout.write(out);
      else {
        try {
          await writeFile(flags.output, out);
        } catch (e) {
          process.stderr.write(`driftwatch: cannot write ${flags.output}: ${fsReason(e)}\n`);
          process.exitCode = 2;
          return;
        }
        process.stderr.write(`driftwatch: wrote ${flags.output} (ODCS v3.1.0)\n`);
      }
      process.exitCode = 0;
    });
}
