import type { CheckResult, FileFormat } from "../../domain/contracts/index.ts";

/** Messages between the check pool (main thread) and its worker threads. */
export type ToWorker =
  | {
      t: "start";
      id: number;
      versionId: string;
      document: string;
      key: string;
      maxBytes: number;
      format?: FileFormat;
    }
  | { t: "chunk"; id: number; buf: ArrayBuffer }
  | { t: "end"; id: number }
  | { t: "fail"; id: number; message: string };

export type FromWorker =
  | { t: "ack"; id: number; bytes: number }
  | { t: "done"; id: number; result: CheckResult }
  | { t: "error"; id: number; source: boolean; message: string };
