/**
 * The user's path through the UI, in order, against a real server and the S3-protocol emulator: write a
 * contract (lint errors at their line), try a file against it, connect a bucket (a wrong secret refused
 * beside its field, then the right one), Poll now until the drift appears, acknowledge an event, and
 * read it back on the Drift events page. Screenshots of every page at 1280 and 375 px.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import type { Page } from "playwright-core";
import { a11yProblems, horizontalOverflow, PHONE, shoot, startUi, type Ui } from "../support/browser.ts";
import { type S3TestContext, startS3ForTest } from "../support/s3.ts";
import { waitFor } from "../support/wait.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");
const ORDERS_CONTRACT = readFileSync(join(FIXTURES, "contracts", "orders.odcs.yaml"), "utf8");
const INVALID_CONTRACT = readFileSync(join(FIXTURES, "contracts", "invalid.odcs.yaml"), "utf8");
const DRIFTING_FILE = join(FIXTURES, "files", "orders-drift.ndjson");
const CLEAN_FILE = join(FIXTURES, "files", "orders.ndjson");
const SAMPLE_JSON = join(FIXTURES, "files", "orders.json");

let ui: Ui;
let s3: S3TestContext;
let page: Page;
let contractId = "";
let connectionId = "";

before(async () => {
  [ui, s3] = await Promise.all([startUi(), startS3ForTest({ bucket: "partner-drops" })]);
  page = await ui.signedInPage();
});
after(async () => {
  await ui?.close();
  await s3?.close();
});

/** Waits until the page lists exactly `n` drift events. */
async function shownEvents(n: number): Promise<void> {
  await page.waitForFunction(
    (count) =>
      (
        globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
      ).document.querySelectorAll('[data-testid="drift-event"]').length === count,
    n,
  );
}

async function assertAccessible(where: string): Promise<void> {
  const problems = await a11yProblems(page);
  assert.deepEqual(problems.unlabelled, [], `${where}: every control has a label`);
  assert.deepEqual(problems.lowContrast, [], `${where}: text contrast is at least 4.5:1`);
  await page.setViewportSize(PHONE);
  assert.ok((await horizontalOverflow(page)) <= 1, `${where}: nothing sticks out sideways at 375 px`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a contract written in the editor: lint errors show at their line, then it saves as v1", async () => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contracts" }).click();
  await page.getByRole("heading", { name: "No contract yet" }).waitFor();
  await shoot(page, "contracts-empty");
  await page.getByRole("link", { name: "New contract" }).first().click();
  await page.getByRole("heading", { name: "New contract", level: 1 }).waitFor();

  const editor = page.getByLabel("Contract document, YAML");
  await editor.fill(INVALID_CONTRACT);
  // The linter (debounced, POST /contracts/lint) marks line 11 (`logicalType: str`) in the gutter.
  const marked = page.locator('.gutter [data-line="11"].has-issue');
  await marked.waitFor();
  assert.match((await marked.getAttribute("title")) ?? "", /logicalType "str" is not one of the values/);
  const issues = page.getByTestId("lint-issues");
  assert.match(await issues.innerText(), /line 11:22 logicalType "str" is not one of the values/);
  assert.match(await page.getByTestId("lint-status").innerText(), /2 errors/);
  await shoot(page, "contract-lint-errors");

  // Saving anyway is refused by the server; its issues stay at their lines.
  await page.getByLabel("Name", { exact: true }).fill("Broken");
  await page.getByRole("button", { name: "Create contract" }).click();
  await page.getByRole("alert").getByText("Not saved.").waitFor();
  assert.equal((await ui.app.api("/api/v1/contracts")).body.items.length, 0, "nothing saved");

  await editor.fill(ORDERS_CONTRACT);
  await page.getByTestId("lint-status").getByText("No problems found.").waitFor();
  assert.equal(await page.locator(".gutter .has-issue").count(), 0);
  await page.getByLabel("Name", { exact: true }).fill("Partner orders");
  await page.getByRole("button", { name: "Create contract" }).click();
  await page.getByRole("heading", { name: "Partner orders", level: 1 }).waitFor();
  contractId = new URL(page.url()).pathname.split("/").pop()!;
  const saved = await ui.app.api(`/api/v1/contracts/${contractId}`);
  assert.equal(saved.status, 200);
  assert.equal(saved.body.version, 1);
  assert.equal(saved.body.document, ORDERS_CONTRACT);
  await assertAccessible("contract page");
});

test("try a file against the contract before any connection uses it", async () => {
  const input = page.getByTestId("try-file").locator('input[type="file"]');
  await input.setInputFiles(DRIFTING_FILE);
  const result = page.getByTestId("try-result");
  await result.getByText(/drift events? found/).waitFor();
  // The same events the API's check gives, each readable: expected vs actual, count and percent, samples.
  const checked = await ui.app.api(`/api/v1/contracts/${contractId}/check?filename=orders-drift.ndjson`, {
    raw: readFileSync(DRIFTING_FILE, "utf8"),
    headers: { "content-type": "application/octet-stream" },
  });
  assert.equal(checked.status, 200);
  const items = result.getByTestId("drift-event");
  assert.equal(await items.count(), checked.body.events.length);
  const enumEvent = result.locator('[data-testid="drift-event"][data-type="enum_violation"]');
  const text = await enumEvent.innerText();
  assert.match(text, /\$\.status/);
  assert.match(text, /one of: pending, shipped, delivered, cancelled/);
  assert.match(text, /1 record \(16\.67 % of the file\)/);
  assert.match(text, /record 3: "lost"/);
  await shoot(page, "contract-try-file");

  await input.setInputFiles(CLEAN_FILE);
  await result.getByText("No drift: the file matches the contract.").waitFor();
  assert.equal(await items.count(), 0);
});

test("a changed document saves as v2 and the versions diff shows the change", async () => {
  const editor = page.getByLabel("Contract document, YAML");
  await editor.fill(ORDERS_CONTRACT.replace("maxLength: 200", "maxLength: 300"));
  await page.getByTestId("lint-status").getByText("No problems found.").waitFor();
  await page.getByRole("button", { name: "Save new version" }).click();
  await page.getByText(/· v2/).waitFor();
  const diff = page.getByTestId("version-diff");
  await diff.waitFor();
  assert.match(await diff.locator("tr.del").innerText(), /maxLength: 200/);
  assert.match(await diff.locator("tr.add").innerText(), /maxLength: 300/);
  assert.match(await diff.innerText(), /v1 → v2: 1 line added, 1 removed\./);
  await shoot(page, "contract-versions");
});

test("infer from a sample: a file dropped on the area fills the editor", async () => {
  await page.goto("/contracts/new");
  // Dropped onto the area (a real drop event carrying the file), not only chosen with the file input.
  const dataTransfer = await page.evaluateHandle(
    `(() => { const d = new DataTransfer(); d.items.add(new File([${JSON.stringify(
      readFileSync(SAMPLE_JSON, "utf8"),
    )}], "orders.json", { type: "application/json" })); return d; })()`,
  );
  await page.getByTestId("infer-file").dispatchEvent("drop", { dataTransfer });
  const editor = page.getByLabel("Contract document, YAML");
  await page.waitForFunction(() =>
    (
      (
        globalThis as unknown as { document: { getElementById(id: string): { value: string } | null } }
      ).document.getElementById("contract-document")?.value ?? ""
    ).includes("Inferred by driftwatch from orders.json"),
  );
  assert.match(await editor.inputValue(), /name: order_id/);
  await page.getByTestId("lint-status").getByText("No problems found.").waitFor();
  // Undo brings the previous text back.
  await page.getByRole("button", { name: "Undo the inference" }).click();
  assert.match(await editor.inputValue(), /id: partner-orders/);
});

test("New Connection: inline checks, a wrong secret refused beside its field, then saved and listed", async () => {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Cloud Connections" })
    .click();
  await page.getByRole("heading", { name: "No cloud connections yet" }).waitFor();
  await shoot(page, "connections-empty");
  await page.getByRole("link", { name: "New Connection" }).first().click();
  await page.getByRole("heading", { name: "New Connection", level: 1 }).waitFor();

  // Inline validation as the user leaves each field.
  const bucket = page.getByLabel("Bucket name");
  await bucket.fill("Partner_Drops");
  await bucket.blur();
  assert.match(await page.getByTestId("error-conn-bucket").innerText(), /no capital letters/);
  const region = page.getByLabel("Region", { exact: true });
  await region.fill("useast1");
  await region.blur();
  assert.match(await page.getByTestId("error-conn-region").innerText(), /not an AWS region code/);
  const interval = page.getByLabel("Poll interval (minutes)");
  await interval.fill("20000");
  await interval.blur();
  assert.match(
    await page.getByTestId("error-conn-poll_interval_minutes").innerText(),
    /between 1 minute and 10080/,
  );
  await page.getByLabel("Access key + assume role").check();
  const roleArn = page.getByLabel("Role ARN");
  await roleArn.fill("arn:aws:iam::12345:role/x");
  await roleArn.blur();
  assert.match(await page.getByTestId("error-conn-credentials-role_arn").innerText(), /12-digit account id/);
  // The trust policy is pinned to the org's external id.
  const org = (await ui.app.api("/api/v1/org")).body as { external_id: string };
  await roleArn.fill("arn:aws:iam::123456789012:role/driftwatch-reader");
  const trust = page.getByTestId("trust-policy");
  await trust.waitFor();
  const trustDoc = JSON.parse(await trust.locator("pre").innerText());
  assert.equal(trustDoc.Statement[0].Condition.StringEquals["sts:ExternalId"], org.external_id);
  assert.equal(trustDoc.Statement[0].Principal.AWS, "arn:aws:iam::123456789012:root");
  await shoot(page, "connection-new-role");
  await page.getByLabel("Access key", { exact: true }).check();

  // Sending with errors sends nothing and moves focus to the first bad field.
  await page.getByRole("button", { name: "Save connection" }).click();
  assert.equal(
    await page.evaluate(
      () =>
        (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
    ),
    "conn-name",
  );

  await page.getByLabel("Name", { exact: true }).fill("Acme orders");
  await page.getByLabel("Access key id").fill(s3.credentials.accessKeyId);
  await page.getByLabel("Secret access key").fill("wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGKEY");
  await region.fill(s3.region);
  await bucket.fill("partner-drops");
  await page.getByLabel("Prefix").fill("incoming/");
  await page.getByLabel("File pattern").fill("*.ndjson");
  await page.getByLabel("Contract").selectOption({ label: "Partner orders (v2)" });
  await interval.fill("60");
  await page.getByText("Advanced", { exact: true }).click();
  await page.getByLabel("Endpoint URL").fill(s3.emulator.endpoint);
  await page.getByLabel(/Path-style addressing/).check();
  await page.getByLabel(/Backfill/).check();

  // The least-privilege policy follows the form.
  const policy = JSON.parse(await page.getByTestId("iam-policy").locator("pre").innerText());
  assert.deepEqual(policy.Statement[0].Condition, { StringLike: { "s3:prefix": ["incoming/*"] } });
  assert.equal(policy.Statement[1].Resource, "arn:aws:s3:::partner-drops/incoming/*");

  await page.getByRole("button", { name: "Save connection" }).click();
  const secretError = page.getByTestId("error-conn-credentials-secret_access_key");
  await secretError.waitFor();
  assert.match(await secretError.innerText(), /secret access key does not match/i);
  assert.equal(await page.getByLabel("Secret access key").getAttribute("aria-invalid"), "true");
  assert.match(
    await page.getByTestId("form-failure").innerText(),
    /AWS refused the connection; nothing was saved/,
  );
  assert.equal((await ui.app.api("/api/v1/connections")).body.items.length, 0, "nothing saved");
  await shoot(page, "connection-new-error");
  await assertAccessible("new connection form");

  // Typing in the field clears its server error; the right secret saves.
  await page.getByLabel("Secret access key").fill(s3.credentials.secretAccessKey);
  assert.equal(await secretError.count(), 0);
  await page.getByRole("button", { name: "Save connection" }).click();
  await page.getByText("Connection saved").waitFor();
  connectionId = new URL(page.url()).pathname.split("/").pop()!;
  const saved = await ui.app.api(`/api/v1/connections/${connectionId}`);
  assert.equal(saved.body.bucket, "partner-drops");
  assert.equal(saved.body.endpoint_url, s3.emulator.endpoint);
  assert.equal(saved.body.force_path_style, true);
  assert.equal(saved.body.contract_id, contractId);

  await page.getByRole("link", { name: "Cloud Connections" }).first().click();
  const row = page.locator('tr[data-connection="Acme orders"]');
  await row.waitFor();
  const rowText = await row.innerText();
  assert.match(rowText, /partner-drops\/incoming\//);
  assert.match(rowText, /\*\.ndjson/);
  assert.match(rowText, /Partner orders/);
  assert.match(rowText, /Not polled yet|Healthy/);
  await shoot(page, "connections");
  await assertAccessible("connections list");
});

test("Poll now shows live progress, then the drift events; one is acknowledged", async () => {
  // A new connection is polled once at once; the file lands after that, for Poll now to find.
  await waitFor(async () => (await ui.app.api(`/api/v1/connections/${connectionId}`)).body.last_poll_at, {
    what: "the first poll of the new connection",
  });
  await s3.client.send(
    new PutObjectCommand({
      Bucket: "partner-drops",
      Key: "incoming/orders-2026-11-23.ndjson",
      Body: readFileSync(DRIFTING_FILE),
    }),
  );
  await page.locator('tr[data-connection="Acme orders"]').getByRole("link", { name: "Acme orders" }).click();
  await page.getByRole("heading", { name: /Acme orders/, level: 1 }).waitFor();
  await page.getByText("No open drift.").waitFor();

  await page.getByRole("button", { name: "Poll now" }).click();
  const progress = page.getByTestId("poll-progress");
  await progress.getByText("Poll finished.").waitFor();
  const count = (k: string) => progress.locator(`[data-count="${k}"] strong`).innerText();
  assert.equal(await count("new"), "1");
  assert.equal(await count("processed"), "1");
  const events = await ui.app.api(`/api/v1/drift-events?connection_id=${connectionId}`);
  assert.ok(events.body.items.length > 0);
  assert.equal(await count("events"), String(events.body.items.length));

  // The events appear grouped under the file, the ledger shows it processed, health is good.
  const group = page.getByTestId("file-group");
  await group.getByText("incoming/orders-2026-11-23.ndjson").waitFor();
  assert.equal(await group.getByTestId("drift-event").count(), events.body.items.length);
  const ledger = page.getByTestId("files");
  assert.match(await ledger.innerText(), /incoming\/orders-2026-11-23\.ndjson[\s\S]*Processed/);
  await page.getByTestId("health").first().getByText("Healthy").waitFor();
  await shoot(page, "connection-detail");

  // Acknowledge one: it stays in view marked, the server agrees, and the open count drops.
  await page.getByRole("button", { name: "Acknowledge Enum violation at $.status" }).click();
  const acked = page.locator('[data-testid="drift-event"][data-type="enum_violation"]');
  await page.waitForSelector(
    '[data-testid="drift-event"][data-type="enum_violation"][data-status="acknowledged"]',
  );
  assert.ok(await acked.getByRole("button", { name: /Reopen/ }).isVisible());
  const ackedApi = await ui.app.api(`/api/v1/drift-events?connection_id=${connectionId}&status=acknowledged`);
  assert.deepEqual(
    ackedApi.body.items.map((e: { type: string }) => e.type),
    ["enum_violation"],
  );
  await assertAccessible("connection detail");
});

test("Drift events page: grouped by file, chart by severity, filters kept in the URL, reopen", async () => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Drift events" }).click();
  await page.getByRole("heading", { name: "Drift events", level: 1 }).waitFor();
  const chart = page.getByTestId("events-chart");
  await chart.locator("rect[data-severity]").first().waitFor();
  const summary = await ui.app.api("/api/v1/drift-events/summary?days=30");
  const today = summary.body.days.at(-1);
  assert.ok(today.error > 0);
  assert.equal(await chart.locator(`g[data-date="${today.date}"] rect[data-severity="error"]`).count(), 1);
  await shoot(page, "events");

  await page.getByLabel("Severity", { exact: true }).selectOption("warning");
  await page.waitForURL(/severity=warning/);
  const warnings = await ui.app.api("/api/v1/drift-events?severity=warning");
  await shownEvents(warnings.body.items.length);
  // The filter survives a reload (it lives in the URL).
  await page.reload();
  assert.equal(await page.getByLabel("Severity", { exact: true }).inputValue(), "warning");

  await page.getByRole("button", { name: "Clear all filters" }).click();
  await page.getByLabel("Status", { exact: true }).selectOption("acknowledged");
  await page.waitForURL(/status=acknowledged/);
  // The list shows the filtered answer (not the previous one still on screen while it loads).
  await shownEvents(1);
  const acked = page.locator('[data-testid="drift-event"][data-status="acknowledged"]');
  assert.equal(await acked.count(), 1);
  await acked.getByRole("button", { name: /Reopen/ }).click();
  await page.waitForSelector('[data-testid="drift-event"][data-type="enum_violation"][data-status="open"]');
  const open = await ui.app.api("/api/v1/drift-events?status=acknowledged");
  assert.equal(open.body.items.length, 0, "reopened on the server");
  await assertAccessible("drift events");
  assert.deepEqual(ui.pageErrors, []);
});

test("pause and resume from the connection page", async () => {
  await page.goto(`/connections/${connectionId}`);
  await page.getByRole("button", { name: "Pause" }).click();
  await page.getByText("Paused", { exact: true }).first().waitFor();
  assert.equal((await ui.app.api(`/api/v1/connections/${connectionId}`)).body.paused, true);
  await page.getByRole("button", { name: "Resume" }).click();
  await page.getByRole("button", { name: "Pause" }).waitFor();
  assert.equal((await ui.app.api(`/api/v1/connections/${connectionId}`)).body.paused, false);
  assert.deepEqual(ui.pageErrors, []);
});

test("when the bucket starts refusing, the connection turns critical and shows the last error with its fix", async () => {
  s3.emulator.setAuthorizer((req) => (req.action === "s3:ListBucket" ? "deny" : "allow"));
  try {
    await page.goto(`/connections/${connectionId}`);
    await page.getByRole("button", { name: "Poll now" }).click();
    await page.getByTestId("poll-progress").getByText("Poll failed.").waitFor();
    const conn = (await ui.app.api(`/api/v1/connections/${connectionId}`)).body;
    assert.equal(conn.health, "critical");
    const lastError = page.getByTestId("last-error");
    await lastError.waitFor();
    const text = await lastError.innerText();
    assert.ok(text.includes(conn.last_error.message), "the API's message");
    assert.ok(text.includes(conn.last_error.hint), "the API's hint, how to fix it");
    assert.match(text, new RegExp(`code: ${conn.last_error.code.replace(/\./g, "\\.")} · AWS: AccessDenied`));
    await page.getByTestId("health").first().getByText("Critical").waitFor();
    await shoot(page, "connection-critical");

    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Cloud Connections" })
      .click();
    const row = page.locator('tr[data-connection="Acme orders"]');
    await row.getByText("Critical").waitFor();
    assert.ok((await row.innerText()).includes(conn.last_error.message));
  } finally {
    s3.emulator.setAuthorizer(undefined);
  }
  // Access back: the next poll is clean and the error is gone.
  await page.goto(`/connections/${connectionId}`);
  await page.getByRole("button", { name: "Poll now" }).click();
  await page.getByTestId("poll-progress").getByText("Poll finished.").waitFor();
  await page.getByTestId("health").first().getByText("Healthy").waitFor();
  assert.equal(await page.getByTestId("last-error").count(), 0);
  assert.deepEqual(ui.pageErrors, []);
});

test("deleting: a contract in use is refused with the reason; the connection, then the contract, go", async () => {
  await page.goto(`/contracts/${contractId}`);
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Delete contract" }).click();
  const refusal = dialog.getByRole("alert");
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /connection/i, "says why: a connection uses it");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  assert.equal((await ui.app.api(`/api/v1/contracts/${contractId}`)).status, 200);

  await page.goto(`/connections/${connectionId}`);
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete connection" }).click();
  await page.getByRole("heading", { name: "No cloud connections yet" }).waitFor();
  assert.equal((await ui.app.api(`/api/v1/connections/${connectionId}`)).status, 404);

  await page.goto(`/contracts/${contractId}`);
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete contract" }).click();
  await page.getByRole("heading", { name: "No contract yet" }).waitFor();
  assert.equal((await ui.app.api(`/api/v1/contracts/${contractId}`)).status, 404);
  assert.deepEqual(ui.pageErrors, []);
});
