import { readFile, stat } from "node:fs/promises";
import { Command, Option } from "commander";
import {
  contractToYaml,
  ENUM_MAX_VALUES,
  FILE_FORMATS,
  type FileFormat,
  InferError,
  inferContract,
  lintContract,
} from "../../domain/contracts/index.ts";
import { colorsEnabled, palette } from "../output/colors.ts";
import { renderIssues } from "../output/lint-report.ts";

/** Largest sample file `contract infer` reads (samples are held in memory). */
const MAX_SAMPLE_BYTES = 256 * 1024 * 1024;

const usageExit = (err: { exitCode: number }): never => process.exit(err.exitCode === 0 ? 0 : 2);

/** `driftwatch contract infer|lint` */
export function contractCommand(): Command {
  const command = new Command("contract").description("infer or lint data contracts").exitOverride(usageExit);
  command.addCommand(inferCommand());
  command.addCommand(lintCommand());
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
    .showHelpAfterError()
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
      process.stderr.write(
        `driftwatch: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`,
      );
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
    .description("validate a contract; problems are printed as file:line:column")
    .argument("<contract>", "ODCS v3.1 YAML/JSON, or a JSON Schema")
    .option("--json", "print the problems as a JSON array")
    .addHelpText(
      "after",
      "\nExit codes: 0 no errors (warnings may be printed), 1 errors found, 2 the file cannot be read.",
    )
    .showHelpAfterError()
    .exitOverride(usageExit)
    .action(async (file: string, flags: { json?: boolean }) => {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (e) {
        process.stderr.write(
          `driftwatch: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`,
        );
        process.exitCode = 2;
        return;
      }
      const issues = lintContract(text);
      const errors = issues.filter((i) => i.severity === "error").length;
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(issues, null, 2)}\n`);
      } else {
        const c = palette(colorsEnabled(process.stdout));
        if (issues.length > 0) process.stdout.write(`${renderIssues(file, issues, c)}\n`);
        const warnings = issues.length - errors;
        process.stdout.write(
          errors === 0
            ? `${file}: valid${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? "" : "s"})` : ""}\n`
            : `${file}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}\n`,
        );
      }
      process.exitCode = errors > 0 ? 1 : 0;
    });
}
