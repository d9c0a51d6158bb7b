/**
 * Browser tests: a real Chromium (Debian's, driven by playwright-core) against a real server that serves the
 * built UI.
 *
 *   const ui = await startUi();              // builds web/dist when stale, starts the app and the browser
 *   after(() => ui.close());
 *   const page = await ui.signedInPage();    // a tab signed in with the admin key
 *   await shoot(page, "connections");        // test-output/screenshots/connections-{1280,375}.png
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { startTestApp, type TestApp } from "./app.ts";
import { waitFor } from "./wait.ts";

const ROOT = join(import.meta.dirname, "..", "..");
export const WEB_DIST = join(ROOT, "web", "dist");
export const SCREENSHOT_DIR = join(ROOT, "test-output", "screenshots");
const BUILD_LOCK = join(ROOT, "test-output", ".web-build.lock");

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };

function run(cmd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => {
      output += String(d);
    });
    child.stderr.on("data", (d) => {
      output += String(d);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/**
 * Builds the UI when a source is newer than web/dist (scripts/build-web.ts --if-stale, the same step as
 * `npm start`). Test files run in parallel, so one build at a time: a directory lock, taken atomically.
 */
export async function ensureWebBuilt(): Promise<void> {
  mkdirSync(join(ROOT, "test-output"), { recursive: true });
  await waitFor(
    () => {
      try {
        mkdirSync(BUILD_LOCK);
        return true;
      } catch {
        // A lock left by a killed run is stale after two minutes.
        try {
          if (Date.now() - statSync(BUILD_LOCK).mtimeMs > 120_000) rmdirSync(BUILD_LOCK);
        } catch {}
        return false;
      }
    },
    { timeoutMs: 180_000, intervalMs: 100, what: "the UI build lock" },
  );
  try {
    const { code, output } = await run(process.execPath, [
      join(ROOT, "scripts", "build-web.ts"),
      "--if-stale",
    ]);
    if (code !== 0) throw new Error(`building the UI failed (exit ${code}):\n${output}`);
  } finally {
    rmdirSync(BUILD_LOCK);
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface Ui {
  app: TestApp;
  browser: Browser;
  /** A fresh tab (its own session storage) at `viewport`, recording page errors. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** A fresh tab signed in through the sign-in form with `key` (default: the admin key). */
  signedInPage(opts?: { key?: string; viewport?: { width: number; height: number } }): Promise<Page>;
  /** Uncaught errors thrown in any page so far (tests assert there are none). */
  pageErrors: string[];
  close(): Promise<void>;
}

/** startTestApp's options, less the UI directory (always the built web/dist here). */
export type UiOptions = Omit<NonNullable<Parameters<typeof startTestApp>[0]>, "webDir">;

export async function startUi(opts: UiOptions = {}): Promise<Ui> {
  await ensureWebBuilt();
  const app = await startTestApp({ ...opts, webDir: WEB_DIST });
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await app.close();
    throw err;
  }
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const newPage = async (viewport = DESKTOP) => {
    const context = await browser.newContext({
      viewport,
      baseURL: app.url,
      locale: "en-GB",
      timezoneId: "UTC",
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (err) => pageErrors.push(`${page.url()}: ${err.message}`));
    // how long an action or a wait may take before it gives up: generous, because a 2-core machine running
    // other suites beside the browser can take tens of seconds to paint; a broken UI still fails, later
    page.setDefaultTimeout(90_000);
    return page;
  };
  return {
    app,
    browser,
    pageErrors,
    newPage,
    async signedInPage({ key, viewport } = {}) {
      const page = await newPage(viewport);
      await signIn(page, key ?? app.adminKey);
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await app.close();
    },
  };
}

/** Signs in through the form and waits for the app's main navigation. */
export async function signIn(page: Page, key: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

/**
 * Saves full-page screenshots of the current page at desktop (1280) and phone (375) widths as
 * test-output/screenshots/<name>-<width>.png, then restores the viewport. Returns the file paths.
 */
export async function shoot(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = page.viewportSize() ?? DESKTOP;
  const paths: string[] = [];
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    const path = join(SCREENSHOT_DIR, `${name}-${viewport.width}.png`);
    await page.screenshot({ path, fullPage: true, animations: "disabled" });
    paths.push(path);
  }
  await page.setViewportSize(before);
  return paths;
}

/** Widest horizontal overflow of the document (px) at the current viewport: 0 means nothing sticks out. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

/**
 * Accessibility basics checked in the page itself:
 * - `unlabelled`: form controls without an accessible name (label, aria-label or aria-labelledby);
 * - `lowContrast`: visible text whose colour has a contrast under 4.5:1 against the first opaque background
 *   behind it (WCAG 2 relative luminance), as "text (ratio)".
 */
export async function a11yProblems(page: Page): Promise<{ unlabelled: string[]; lowContrast: string[] }> {
  return page.evaluate(A11Y_SCRIPT) as Promise<{ unlabelled: string[]; lowContrast: string[] }>;
}

const A11Y_SCRIPT = `(() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg.a >= 0.99) return bg;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const lowContrast = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim();
    const el = n.parentElement;
    if (!text || !el || seen.has(el)) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    if (style.visibility === "hidden" || style.display === "none" || rect.width <= 1 || rect.height <= 1) continue;
    if (el.closest("svg, [aria-hidden=true], [disabled], option")) continue;
    const fg = parse(style.color);
    if (!fg) continue;
    const bg = background(el);
    const mix = { r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a) };
    const [hi, lo] = [lum(mix), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < 4.5) lowContrast.push(text.slice(0, 40) + " (" + ratio.toFixed(2) + ")");
  }
  const unlabelled = [];
  for (const c of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    const named = c.labels?.length || c.getAttribute("aria-label") || c.getAttribute("aria-labelledby");
    if (!named) unlabelled.push(c.outerHTML.slice(0, 80));
  }
  return { unlabelled, lowContrast };
})()`;
