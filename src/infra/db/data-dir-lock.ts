import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * The embedded database can be opened by one process at a time. This lock file (with the holder's pid)
 * turns a second `driftwatch serve` on the same data dir into a clear error instead of a corrupted database.
 * A lock left by a process that no longer runs is taken over.
 */
export class DataDirLockedError extends Error {
  readonly code = "database.data_dir_locked";
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "driftwatch.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(readFileSync(file, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DataDirLockedError(
          `Another driftwatch process (pid ${pid}) is using the embedded database in ${dataDir}. Stop it, use another DRIFTWATCH_DATA_DIR, or set DATABASE_URL so several processes share a PostgreSQL server.`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${file}; remove it if no driftwatch process is running.`);
}
