import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { waitFor } from "../support/wait.ts";

const ROOT = join(import.meta.dirname, "..", "..");

test("`npm start` on an empty data dir serves, prints an admin key that works, and stops on SIGTERM", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "dw-start-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DRIFTWATCH_DATA_DIR: dataDir, PORT: "0" };
  delete env.DATABASE_URL;
  delete env.DRIFTWATCH_MASTER_KEY;
  delete env.DRIFTWATCH_BOOTSTRAP_API_KEY;
  const child = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => {
    out += String(d);
  });
  child.stderr.on("data", (d) => {
    err += String(d);
  });
  try {
    const url = await waitFor(() => /running at (http:\/\/[^\s]+)/.exec(out)?.[1], {
      timeoutMs: 120_000,
      what: `the banner (stdout: ${out} stderr: ${err.slice(-2000)})`,
    });
    const key = /admin API key\s+(dwk_\S+)/.exec(out)?.[1];
    assert.ok(key, "the first start prints an admin key");
    assert.ok(!err.includes(key), "the key is not in the log");
    assert.equal(statSync(join(dataDir, "master.key")).mode & 0o777, 0o600, "the key file is private");

    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    const anon = await fetch(`${url}/api/v1/connections`);
    assert.equal(anon.status, 401);
    const listed = await fetch(`${url}/api/v1/connections`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(listed.status, 200);
    assert.deepEqual(((await listed.json()) as { items: unknown[] }).items, []);

    // npm passes SIGTERM to the server, which closes the database and releases the data dir lock.
    assert.ok(existsSync(join(dataDir, "driftwatch.lock")));
    child.kill("SIGTERM");
    await waitFor(() => !existsSync(join(dataDir, "driftwatch.lock")), { what: "a graceful shutdown" });
    await waitFor(
      async () => {
        try {
          await fetch(`${url}/healthz`);
          return false;
        } catch {
          return true;
        }
      },
      { what: "the server to stop listening" },
    );
  } finally {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {}
    rmSync(dataDir, { recursive: true, force: true });
  }
});
