import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { Command, InvalidArgumentError, Option } from "commander";
import {
  analyzeContract,
  type CheckResult,
  checkFile,
  compileContract,
  FILE_FORMATS,
  type FileFormat,
  TEXT_ENCODINGS,
  type TextEncoding,
} from "../../domain/contracts/index.ts";
import type { DriftEvent, Severity } from "../../domain/drift/drift-event.ts";
import { failsAt, formatBytes, renderFile, renderSummary } from "../output/check-report.ts";
import { colorsEnabled, palette } from "../output/colors.ts";
import { fsReason } from "../output/fs-error.ts";
import { renderIssues } from "../output/lint-report.ts";

/** Default size limit of `check`: JSON and Parquet are held in memory whole, so this also bounds memory. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/** `10485760`, `10MB`, `512KiB`, `1g`: a byte count. */
export function parseByteSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?$/i.exec(text.trim());
  if (match === null)
    throw new InvalidArgumentError("expected a byte count such as 104857600, 100MB or 1GiB");
  const unit = (match[2] ?? "").toLowerCase();
  const power = { "": 0, k: 1, m: 2, g: 3, t: 4 }[unit] ?? 0;
  const value = Math.floor(Number(match[1]) * 1024 ** power);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new InvalidArgumentError("the size must be a positive number of bytes");
  return value;
}

interface CheckFlags {
  contract: string;
  json?: boolean;
  failOn: Severity;
  maxBytes: number;
  format?: FileFormat;
  encoding?: TextEncoding;
}

/** `driftwatch check --contract C FILE…` */
export function checkCommand(): Command {
  return new Command("check")
    .description("check files against a data contract (offline; nothing is stored)")
    .argument(
      "<files...>",
      "files to check (JSON, NDJSON, CSV, Parquet, X12; gzip, zstd or bzip2 compressed)",
    )
    .requiredOption("-c, --contract <file>", "the contract: ODCS v3.1 YAML/JSON, or a JSON Schema")
    .option("--json", "print the drift events as NDJSON (one event per line) instead of the report")
    .addOption(
      new Option("--fail-on <severity>", "lowest severity that makes the exit code 1 (info never fails)")
        .choices(["warning", "error", "critical"])
        .default("warning"),
    )
    .option(
      "--max-bytes <size>",
      "refuse files larger than this (e.g. 100MB)",
      parseByteSize,
      DEFAULT_MAX_BYTES,
    )
    .addOption(
      new Option(
        "--format <format>",
        "read every file as this format (default: the contract's matching server, the extension, the content)",
      ).choices([...FILE_FORMATS]),
    )
    .addOption(
      new Option(
        "--encoding <encoding>",
        "text encoding of files without a BOM (default: the contract's, else UTF-8)",
      ).choices([...TEXT_ENCODINGS]),
    )
    .addHelpText(
      "after",
      `
Exit codes: 0 no drift at or above --fail-on, 1 drift at or above --fail-on,
2 usage or I/O error (missing file, unreadable contract, contract with lint errors).
The default --fail-on is "warning": any finding except info fails, so a file with an
unexpected field fails a CI step until the contract or the file is fixed.

Example:
  driftwatch check --contract orders.odcs.yaml incoming/orders-2024-03-01.ndjson`,
    )
    .showHelpAfterError("(run driftwatch check --help for the options)")
    .exitOverride((err) => {
      process.exit(err.exitCode === 0 ? 0 : 2);
    })
    .action(async (files: string[], flags: CheckFlags) => {
      process.exitCode = await runCheck(files, flags);
    });
}

async function runCheck(files: string[], flags: CheckFlags): Promise<number> {
  const out = palette(colorsEnabled(process.stdout));
  const err = palette(colorsEnabled(process.stderr));
  let text: string;
  try {
    text = await readFile(flags.contract, "utf8");
  } catch (e) {
    process.stderr.write(`driftwatch: cannot read the contract ${flags.contract}: ${fsReason(e)}\n`);
    return 2;
  }
  const analysis = analyzeContract(text);
  if (analysis.contract === undefined) {
    process.stderr.write(`driftwatch: the contract ${flags.contract} has errors:\n`);
    process.stderr.write(`${renderIssues(flags.contract, analysis.issues, err)}\n`);
    return 2;
  }
  if (analysis.contract.schemas.length === 0) {
    process.stderr.write(
      `driftwatch: the contract ${flags.contract} has no schema objects: there is nothing to check files against (add a schema: list of objects and their properties)\n`,
    );
    return 2;
  }
  const compiled = compileContract(analysis.contract);
  const events: DriftEvent[] = [];
  let records = 0;
  let ioErrors = 0;
  for (const file of files) {
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a regular file");
      size = info.size;
    } catch (e) {
      ioErrors++;
      process.stderr.write(`driftwatch: cannot read ${file}: ${fsReason(e)}\n`);
      continue;
    }
    let result: CheckResult;
    try {
      const progress = flags.json ? undefined : progressReporter(file, size);
      const source = createReadStream(file, { highWaterMark: 256 * 1024 });
      result = await checkFile(compiled, progress ? progress.wrap(source) : source, {
        key: file,
        maxBytes: flags.maxBytes,
        ...(flags.format ? { format: flags.format } : {}),
        ...(flags.encoding ? { encoding: flags.encoding } : {}),
      });
      progress?.done();
    } catch (e) {
      ioErrors++;
      process.stderr.write(`driftwatch: cannot read ${file}: ${fsReason(e)}\n`);
      continue;
    }
    records += result.records;
    events.push(...result.events);
    if (flags.json) {
      for (const event of result.events) process.stdout.write(`${JSON.stringify(event)}\n`);
    } else {
      process.stdout.write(`${renderFile(file, result, out)}\n\n`);
    }
  }
  const failed = failsAt(events, flags.failOn);
  if (!flags.json) {
    const summary = renderSummary(
      { files: files.length, records, events, failed, failOn: flags.failOn, ioErrors },
      out,
    );
    process.stdout.write(`${summary}\n`);
  }
  if (ioErrors > 0) return 2;
  return failed ? 1 : 0;
}

/** Progress on stderr for big files when stderr is a terminal: a percentage, updated every 5%. */
function progressReporter(file: string, size: number) {
  if (!process.stderr.isTTY || size < 32 * 1024 * 1024) return undefined;
  let read = 0;
  let shown = -1;
  return {
    async *wrap(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
      for await (const chunk of source) {
        read += chunk.length;
        const pct = Math.floor((read / size) * 20) * 5;
        if (pct !== shown) {
          shown = pct;
          process.stderr.write(`\rchecking ${file}: ${pct}% of ${formatBytes(size)}`);
        }
        yield chunk;
      }
    },
    done(): void {
      process.stderr.write("\r\u001b[2K");
    },
  };
}
