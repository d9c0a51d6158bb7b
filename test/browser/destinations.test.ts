/**
 * The Destinations page in a real Chromium against a real server and the S3 emulator: the template preview
 * and its error naming the variable as the user types, the external id to paste, the connection test on
 * save, the policy with its copy button, the test on demand and export now.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startS3Emulator } from "../../devtools/s3-emulator/s3-emulator.server.ts";
import type { S3Emulator } from "../../devtools/s3-emulator/s3-emulator.types.ts";
import { a11yProblems, horizontalOverflow, PHONE, shoot, startUi, type Ui } from "../support/browser.ts";
import { insertEvents } from "../support/export.ts";
import { TEST_CREDENTIALS } from "../support/s3.ts";

let ui: Ui;
let s3: S3Emulator;
before(async () => {
  s3 = await startS3Emulator({ credentials: [TEST_CREDENTIALS] });
  s3.createBucket("lake");
  ui = await startUi({ worker: false });
});
after(async () => {
  await ui?.close();
  await s3?.close();
});

test("create a destination: preview, template error, external id, test on save, policy to copy", async () => {
  const page = await ui.signedInPage();
  await page.getByRole("link", { name: "Destinations" }).click();
  await page.getByRole("heading", { name: "Destinations", level: 1 }).waitFor();
  await page.getByRole("heading", { name: "No destinations yet" }).waitFor();
  await page.getByRole("link", { name: "New Destination" }).first().click();
  await page.getByRole("heading", { name: "New Destination" }).waitFor();

  const org = (await ui.app.api("/api/v1/org")).body;
  const externalId = page.getByTestId("external-id");
  assert.match(await externalId.innerText(), new RegExp(org.external_id));

  const prefix = page.getByLabel("Path prefix");
  await prefix.fill("drift/{colour}/");
  const prefixError = page.getByTestId("error-dest-prefix");
  await prefixError.waitFor();
  assert.match(await prefixError.innerText(), /\{colour\}/);
  assert.equal(await prefix.getAttribute("aria-invalid"), "true");

  await prefix.fill("drift/{org}/{kind}/{full_date}/");
  const preview = page.getByTestId("prefix-preview");
  await preview.waitFor();
  const today = new Date().toISOString().slice(0, 10).replaceAll("-", "");
  assert.match(await preview.innerText(), new RegExp(`drift/${org.name}/events/${today}/`));

  await page.getByLabel("Name").fill("lake");
  await page.getByLabel("Bucket").fill("lake");
  await page.getByLabel("Access keys").check();
  await page.getByLabel("Access key id").fill(TEST_CREDENTIALS.accessKeyId);
  await page.getByLabel("Secret access key").fill(TEST_CREDENTIALS.secretAccessKey);
  await page.getByText("Encryption and S3-compatible stores").click();
  await page.getByLabel("Endpoint URL").fill(s3.endpoint);
  await shoot(page, "destination-new");
  await page.getByRole("button", { name: "Test and save" }).click();

  await page.getByText("Destination saved: the connection test wrote one object").waitFor();
  assert.equal(await page.getByTestId("path-preview").innerText(), `drift/${org.name}/events/${today}/`);
  assert.ok(
    s3.writes.some((w) => w.key.includes("driftwatch-connection-test-")),
    "the test object was written",
  );
  assert.deepEqual(s3.listKeys("lake"), [], "and deleted");

  const policy = page.getByTestId("policy");
  await policy.waitFor();
  const json = JSON.parse(await policy.locator("code").innerText());
  assert.deepEqual(
    json.Statement.map((s: { Action: string }) => s.Action),
    ["s3:PutObject", "s3:DeleteObject"],
  );
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy the identity policy" }).click();
  await page.getByRole("button", { name: "Copy the identity policy" }).getByText("Copied ✓").waitFor();

  await page.getByRole("button", { name: "Test connection" }).click();
  await page
    .getByTestId("notice")
    .getByText(/Connection test passed/)
    .waitFor();

  await insertEvents(ui.app.db, ui.app.orgId, 7);
  await page.getByRole("button", { name: "Export now" }).click();
  await page.getByTestId("notice").getByText("Exported 7 events in 1 new objects.").waitFor();
  await page.getByTestId("batches").waitFor();
  assert.match(await page.getByTestId("written").innerText(), /7 events in 1 objects/);
  await shoot(page, "destination-detail");

  await page.getByRole("link", { name: "Destinations" }).first().click();
  await page.locator('tr[data-destination="lake"]').waitFor();
  const problems = await a11yProblems(page);
  assert.deepEqual(problems.unlabelled, []);

  const phone = await ui.signedInPage({ viewport: PHONE });
  await phone.goto("/destinations");
  await phone.locator('tr[data-destination="lake"]').waitFor();
  assert.ok((await horizontalOverflow(phone)) <= 1, "no sideways scrolling on a phone");
  await shoot(phone, "destinations");
  assert.deepEqual(ui.pageErrors, []);
});
