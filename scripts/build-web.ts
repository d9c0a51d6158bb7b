/**
 * Builds the UI (web/ → web/dist) with Vite. `npm start` runs this with --if-stale first, so a fresh
 * checkout needs no extra command: it builds once, then only when a UI source file is newer than the build.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const web = join(root, "web");
const built = join(web, "dist", "index.html");

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) {
    if (name === "dist" || name === "node_modules") continue;
    max = Math.max(max, newest(join(path, name)));
  }
  return max;
}

if (!existsSync(join(web, "index.html"))) {
  process.stdout.write("build-web: no UI sources in web/; nothing to build\n");
  process.exit(0);
}
// the UI bundles pure modules from src/domain (the IAM policy builder, the event taxonomy) too
const sources = Math.max(newest(web), newest(join(root, "src", "domain")));
if (process.argv.includes("--if-stale") && existsSync(built) && statSync(built).mtimeMs >= sources) {
  process.exit(0);
}
process.stdout.write("build-web: building the UI (web/ → web/dist)…\n");
const result = spawnSync(join(root, "node_modules", ".bin", "vite"), ["build", "--logLevel", "warn"], {
  cwd: web,
  stdio: "inherit",
});
if (result.status !== 0) {
  process.stderr.write("build-web: the UI build failed; the API still works (see /docs)\n");
  process.exit(result.status ?? 1);
}
