import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const ROOT = join(import.meta.dirname, "..", "..");

test("`npm run demo` shows clean, drifted, duplicate and unparseable partner files, through the real service", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "dw-demo-"));
  try {
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve) => {
      const child = spawn("npm", ["run", "--silent", "demo", "--", "--port", "0", "--exit"], {
        cwd: ROOT,
        env: { ...process.env, DRIFTWATCH_DATA_DIR: dataDir, NO_COLOR: "1", DATABASE_URL: "" },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => {
        stdout += String(d);
      });
      child.stderr.on("data", (d) => {
        stderr += String(d);
      });
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /poll acme-orders: 4 checked, 1 duplicate, 0 failed, 5 drift events/);
    assert.match(stdout, /poll acme-edi: 2 checked, 0 duplicate, 0 failed, 1 drift events/);
    assert.match(stdout, /850_0003\.json\n(\s+error\s+\w+.*\n){4}/);
    assert.match(stdout, /enum_violation\s+\$\.currency\s+expected one of: USD, EUR, GBP, got JPY/);
    assert.match(stdout, /850_0005\.json\n\s+critical\s+file_unparseable/);
    assert.match(stdout, /850_0004\.json: duplicate of incoming\/acme\/orders\/850_0001\.json/);
    assert.match(stdout, /PO_20261123_02\.edi\n\s+error\s+x12_envelope_invalid\s+SE01/);
    assert.ok(!/850_0001\.json\n/.test(stdout), "the clean file has no events");
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
