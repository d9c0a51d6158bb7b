/**
 * Editing a connection in the UI against a real server and the S3-protocol emulator: Cancel changes
 * nothing; a new pattern and interval are sent alone and shown; a credential rotation with a wrong secret
 * is refused beside the secret (the fingerprint stays), then the right one is saved (it changes); a bad
 * bucket name is stopped before sending and an unknown bucket gets the server's 422 beside the field —
 * by keyboard, with focus on the field at fault. Screenshots of the form at 1280 and 375 px.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Page, Request } from "playwright-core";
import { a11yProblems, horizontalOverflow, PHONE, shoot, startUi, type Ui } from "../support/browser.ts";
import { type S3TestContext, startS3ForTest } from "../support/s3.ts";

const ORDERS_CONTRACT = readFileSync(
  join(import.meta.dirname, "..", "fixtures", "contracts", "orders.odcs.yaml"),
  "utf8",
);
/** A second key pair (AWS's documentation example), fake, for the rotation. */
const NEW_KEY = {
  accessKeyId: "EXAMPLEKEYID2",
  secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
};

let ui: Ui;
let s3: S3TestContext;
let page: Page;
let connectionId = "";
/** The bodies of the PATCH requests the page sent. */
const patches: unknown[] = [];

before(async () => {
  [ui, s3] = await Promise.all([startUi(), startS3ForTest({ bucket: "partner-drops" })]);
  const contract = await ui.app.api("/api/v1/contracts", {
    body: { name: "Partner orders", document: ORDERS_CONTRACT },
  });
  assert.equal(contract.status, 201, contract.text);
  const created = await ui.app.api("/api/v1/connections", {
    body: {
      name: "Acme orders",
      provider: "aws_s3",
      region: s3.region,
      bucket: "partner-drops",
      prefix: "incoming/",
      file_pattern: "*.ndjson",
      contract_id: contract.body.id,
      poll_interval_minutes: 60,
      endpoint_url: s3.emulator.endpoint,
      force_path_style: true,
      credentials: {
        type: "aws_static",
        access_key_id: s3.credentials.accessKeyId,
        secret_access_key: s3.credentials.secretAccessKey,
      },
    },
  });
  assert.equal(created.status, 201, created.text);
  connectionId = created.body.id;
  page = await ui.signedInPage();
  page.on("request", (req: Request) => {
    if (req.method() === "PATCH") patches.push(req.postDataJSON());
  });
});
after(async () => {
  await ui?.close();
  await s3?.close();
});

const connection = async () => (await ui.app.api(`/api/v1/connections/${connectionId}`)).body;

/** The connection's settings, less what a poll moves (saving new settings starts one at once). */
async function settings() {
  const { health, last_error, last_poll_at, last_success_at, next_poll_at, open_events, ...rest } =
    await connection();
  return rest;
}

/** The value of a fact on the detail page (`<dt>name</dt><dd>value</dd>`). */
const fact = (name: string) =>
  page.locator(`xpath=//dt[normalize-space()="${name}"]/following-sibling::dd[1]`);

const activeId = () =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
  );

async function openEdit(): Promise<void> {
  await page.goto(`/connections/${connectionId}`);
  await page.getByRole("heading", { name: /Acme orders/, level: 1 }).waitFor();
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page.getByRole("heading", { name: "Edit Acme orders", level: 1 }).waitFor();
}

test("the edit form opens with the connection's settings; Cancel goes back and changes nothing", async () => {
  const before = await settings();
  await openEdit();
  assert.equal(await page.getByLabel("Name", { exact: true }).inputValue(), "Acme orders");
  assert.equal(await page.getByLabel("Region", { exact: true }).inputValue(), s3.region);
  assert.equal(await page.getByLabel("Bucket name").inputValue(), "partner-drops");
  assert.equal(await page.getByLabel("Prefix").inputValue(), "incoming/");
  assert.equal(await page.getByLabel("File pattern").inputValue(), "*.ndjson");
  assert.equal(await page.getByLabel("Poll interval (minutes)").inputValue(), "60");
  assert.equal(await page.getByLabel("Contract").inputValue(), before.contract_id);
  assert.equal(await page.getByLabel("Endpoint URL").inputValue(), s3.emulator.endpoint);
  assert.equal(await page.getByLabel(/Path-style addressing/).isChecked(), true);
  assert.equal(await page.getByLabel(/Backfill/).isChecked(), false);
  // Credentials are never returned: kept by default, described by type, key suffix and fingerprint only.
  assert.equal(await page.getByLabel("Keep the current credentials").isChecked(), true);
  assert.equal(await page.getByLabel("Secret access key").count(), 0);
  const current = await page.getByTestId("current-credentials").innerText();
  assert.ok(current.includes(before.credentials.fingerprint));
  assert.ok(!current.includes(s3.credentials.secretAccessKey));
  assert.match(await page.getByTestId("scope-note").innerText(), /re-evaluates which files are new/);

  await page.getByLabel("File pattern").fill("*.tmp");
  assert.match(await page.getByTestId("pending-changes").innerText(), /File pattern: \*\.ndjson → \*\.tmp/);
  await page.getByRole("link", { name: "Cancel" }).click();
  await page.getByRole("heading", { name: /Acme orders/, level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/connections/${connectionId}`);
  assert.deepEqual(patches, [], "nothing sent");
  assert.deepEqual(await settings(), before);

  // Saving an untouched form sends nothing either, and says so.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByTestId("unchanged").waitFor();
  assert.deepEqual(patches, []);
});

test("a new pattern and interval: only they are sent, and the detail page and the API show them", async () => {
  await openEdit();
  await page.getByLabel("File pattern").fill("*.csv");
  await page.getByLabel("Poll interval (minutes)").fill("15");
  const pending = await page.getByTestId("pending-changes").innerText();
  assert.match(pending, /File pattern: \*\.ndjson → \*\.csv/);
  assert.match(pending, /Poll interval: every 1 h → every 15 min/);
  assert.match(
    await page.getByTestId("rescope-note").innerText(),
    /files already checked are not checked again/,
  );
  await shoot(page, "connection-edit");
  const problems = await a11yProblems(page);
  assert.deepEqual(problems.unlabelled, [], "every control has a label");
  assert.deepEqual(problems.lowContrast, [], "text contrast is at least 4.5:1");
  await page.setViewportSize(PHONE);
  assert.ok((await horizontalOverflow(page)) <= 1, "nothing sticks out sideways at 375 px");
  await page.setViewportSize({ width: 1280, height: 900 });

  const fingerprint = (await connection()).credentials.fingerprint;
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByTestId("updated").waitFor();
  assert.equal(new URL(page.url()).pathname, `/connections/${connectionId}`);
  assert.deepEqual(patches, [{ file_pattern: "*.csv", poll_interval_minutes: 15 }]);
  assert.equal(await fact("File pattern").innerText(), "*.csv");
  assert.equal(await fact("Interval").innerText(), "every 15 min");
  const saved = await connection();
  assert.equal(saved.file_pattern, "*.csv");
  assert.equal(saved.poll_interval_minutes, 15);
  assert.equal(saved.prefix, "incoming/");
  assert.equal(saved.credentials.fingerprint, fingerprint, "the credentials were kept");
  await page.getByTestId("announcer").getByText("Changes to Acme orders saved.").waitFor();
  assert.deepEqual(ui.pageErrors, []);
});

test("rotating the key: a wrong secret is refused beside it and nothing changes; the right one is saved", async () => {
  s3.emulator.addCredentials(NEW_KEY);
  const before = await connection();
  await page.goto(`/connections/${connectionId}`);
  await page.getByTestId("fingerprint").getByText(before.credentials.fingerprint).waitFor();
  await page.getByRole("link", { name: "Replace credentials" }).click();
  await page.getByRole("heading", { name: "Edit Acme orders", level: 1 }).waitFor();
  assert.equal(await page.getByLabel("Replace the credentials").isChecked(), true);
  assert.equal(await page.getByLabel("Access key id").inputValue(), "", "credential fields start empty");
  assert.equal(await page.getByLabel("Secret access key").inputValue(), "");

  patches.length = 0;
  await page.getByLabel("Access key id").fill(NEW_KEY.accessKeyId);
  await page.getByLabel("Secret access key").fill("je7MtGbClwBF/2Zp9Utk/h3yCo8nvbWRONGKEYXX");
  await page.getByRole("button", { name: "Save changes" }).click();
  const secretError = page.getByTestId("error-conn-credentials-secret_access_key");
  await secretError.waitFor();
  assert.match(await secretError.innerText(), /secret access key does not match/i);
  assert.equal(await page.getByLabel("Secret access key").getAttribute("aria-invalid"), "true");
  assert.equal(await activeId(), "conn-credentials-secret_access_key", "focus on the field at fault");
  assert.match(
    await page.getByTestId("form-failure").innerText(),
    /refused the new settings; nothing was changed/,
  );
  assert.equal(await page.getByTestId("form-failure").getAttribute("role"), "alert", "read out at once");
  assert.deepEqual(patches, [
    {
      credentials: {
        type: "aws_static",
        access_key_id: NEW_KEY.accessKeyId,
        secret_access_key: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbWRONGKEYXX",
      },
    },
  ]);
  const unchanged = await connection();
  assert.equal(unchanged.credentials.fingerprint, before.credentials.fingerprint, "fingerprint unchanged");
  assert.equal(unchanged.updated_at, before.updated_at);
  await shoot(page, "connection-edit-credentials-error");

  // Typing clears the server's error; the right secret is saved and the fingerprint changes.
  await page.getByLabel("Secret access key").fill(NEW_KEY.secretAccessKey);
  assert.equal(await secretError.count(), 0);
  await page.getByRole("button", { name: "Save changes" }).click();
  await page
    .getByTestId("updated")
    .getByText(/new credentials are sealed/)
    .waitFor();
  const rotated = await connection();
  assert.notEqual(rotated.credentials.fingerprint, before.credentials.fingerprint);
  assert.equal(
    (await page.getByTestId("fingerprint").innerText()).trim(),
    `fingerprint ${rotated.credentials.fingerprint}`,
  );
  assert.equal(rotated.file_pattern, "*.csv", "only the credentials changed");

  // The connection works with the new key alone.
  s3.emulator.removeCredentials(s3.credentials.accessKeyId);
  await page.getByRole("button", { name: "Poll now" }).click();
  await page.getByTestId("poll-progress").getByText("Poll finished.").waitFor();
  assert.deepEqual(ui.pageErrors, []);
});

test("by keyboard: a bad bucket name is stopped before sending; an unknown bucket gets the 422 beside it", async () => {
  await page.goto(`/connections/${connectionId}`);
  await page.getByRole("heading", { name: /Acme orders/, level: 1 }).waitFor();
  const before = await settings();
  patches.length = 0;

  // Edit is a link reached and followed from the keyboard.
  await page.getByRole("link", { name: "Edit", exact: true }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Edit Acme orders", level: 1 }).waitFor();
  // Tab from the page's start reaches the bucket field and, further on, the Save button.
  const visited: string[] = [];
  await page.getByRole("link", { name: "Acme orders" }).focus();
  for (let i = 0; i < 60 && !visited.includes("save"); i++) {
    await page.keyboard.press("Tab");
    const id = await activeId();
    const isSave = await page
      .getByRole("button", { name: "Save changes" })
      .evaluate(
        (el) =>
          el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
      );
    visited.push(isSave ? "save" : id);
  }
  assert.ok(visited.includes("conn-bucket"), "the bucket field is in the tab order");
  assert.ok(visited.includes("save"), "the Save button is in the tab order");

  // An invalid name: told beside the field, focus stays on it, nothing is sent.
  await page.getByLabel("Bucket name").focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("Partner_Drops");
  await page.keyboard.press("Enter");
  assert.match(await page.getByTestId("error-conn-bucket").innerText(), /no capital letters/);
  assert.equal(await activeId(), "conn-bucket");
  await page
    .getByTestId("announcer")
    .getByText("1 field needs fixing before the changes can be saved.")
    .waitFor();
  assert.deepEqual(patches, [], "nothing sent");

  // A valid name of a bucket that does not exist: the server's 422, beside the field, focus on it.
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("no-such-bucket");
  await page.keyboard.press("Enter");
  const bucketError = page.getByTestId("error-conn-bucket");
  await bucketError.getByText(/does not exist/).waitFor();
  assert.equal(await page.getByLabel("Bucket name").getAttribute("aria-invalid"), "true");
  assert.equal(await activeId(), "conn-bucket");
  assert.deepEqual(patches, [{ bucket: "no-such-bucket" }]);
  assert.deepEqual(await settings(), before, "nothing changed on the server");
  assert.deepEqual(ui.pageErrors, []);
});
