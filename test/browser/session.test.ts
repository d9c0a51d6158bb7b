/**
 * Signing in and out, and Settings: the key lives in sessionStorage only, a bad key is refused beside the
 * field, a new key is shown once, and revoking the key the browser uses signs it out with the reason.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { a11yProblems, horizontalOverflow, PHONE, shoot, startUi, type Ui } from "../support/browser.ts";

let ui: Ui;
/** An admin key that outlives the revocation of the bootstrap key below. */
let spareKey = "";
before(async () => {
  ui = await startUi({ worker: false });
  spareKey = (await ui.app.api("/api/v1/api-keys", { body: { name: "spare", role: "admin" } })).body.key;
});
after(async () => {
  await ui?.close();
});

test("a wrong key is refused beside the field; the right one signs in for this tab only", async () => {
  const page = await ui.newPage();
  await page.goto("/connections");
  await page.getByRole("heading", { name: "Sign in to driftwatch" }).waitFor();
  await shoot(page, "sign-in");

  await page.getByLabel("API key").fill("dwk_not_a_real_key_0000000000000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  const error = page.locator("#api-key-error");
  await error.waitFor();
  assert.match(await error.innerText(), /not valid/i);
  assert.equal(await page.getByLabel("API key").getAttribute("aria-invalid"), "true");

  await page.getByLabel("API key").fill(ui.app.adminKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Cloud Connections", level: 1 }).waitFor();
  // The deep link survives signing in.
  assert.equal(new URL(page.url()).pathname, "/connections");

  const stored = await page.evaluate(() => {
    const g = globalThis as unknown as { sessionStorage: Storage; localStorage: Storage };
    return {
      session: Object.values({ ...g.sessionStorage }),
      local: JSON.stringify({ ...g.localStorage }),
    };
  });
  assert.ok(stored.session.includes(ui.app.adminKey), "the key is in sessionStorage");
  assert.ok(!stored.local.includes("dwk_"), "nothing is in localStorage");

  // A reload keeps the session; another browser context (a new tab session) is not signed in.
  await page.reload();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
  const other = await ui.newPage();
  await other.goto("/settings");
  await other.getByLabel("API key").waitFor();

  // Keyboard: the first Tab reaches the skip link, which moves focus into the main landmark.
  await page.keyboard.press("Tab");
  const focused = () =>
    page.evaluate(() => {
      const el = (
        globalThis as unknown as { document: { activeElement: { id: string; textContent: string } } }
      ).document.activeElement;
      return { id: el.id, text: el.textContent.trim() };
    });
  assert.equal((await focused()).text, "Skip to content");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  assert.equal((await focused()).text, "New Connection", "the first control inside main");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByText("You signed out.").waitFor();
  assert.deepEqual(ui.pageErrors, []);
});

test("Settings: external id, a key created and shown once, revoking the session's key signs out", async () => {
  const page = await ui.signedInPage();
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();

  const org = (await ui.app.api("/api/v1/org")).body as { external_id: string; api_key: { id: string } };
  assert.equal(await page.getByTestId("external-id").innerText(), org.external_id);
  // The session's own key is marked.
  const adminRow = page.locator("tr", { has: page.getByText("this session") });
  await adminRow.waitFor();

  // Empty name: told beside the field, nothing sent.
  await page.getByRole("button", { name: "Create key" }).click();
  await page.locator("#key-name-error").waitFor();

  await page.getByLabel("Name", { exact: true }).fill("ci-pipeline");
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("new-key-value");
  await shown.waitFor();
  const newKey = (await shown.innerText()).trim();
  assert.match(newKey, /^dwk_/);
  // The new key works against the API, and the list shows only its prefix.
  assert.equal((await ui.app.api("/api/v1/org", { key: newKey })).status, 200);
  const row = page.locator('tr[data-key-name="ci-pipeline"]');
  await row.waitFor();
  const rowText = await row.innerText();
  assert.ok(!rowText.includes(newKey), "the list never shows the whole key");
  assert.ok(newKey.startsWith((await row.locator("td.mono").innerText()).replace("…", "").trim()));
  await shoot(page, "settings");

  // Phone width: nothing sticks out sideways.
  await page.setViewportSize(PHONE);
  assert.ok((await horizontalOverflow(page)) <= 1, "no horizontal scroll at 375 px");

  // Revoke the other key: confirm in a dialog; it is marked revoked and refused by the API.
  await page.getByRole("button", { name: "Revoke ci-pipeline" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await row.getByText("Revoked").waitFor();
  assert.equal((await ui.app.api("/api/v1/org", { key: newKey })).status, 401);

  // Revoke the key this browser uses: the dialog warns, then the session ends with the server's reason.
  await adminRow.getByRole("button", { name: /^Revoke/ }).click();
  await page.getByRole("dialog").getByText("you will be signed out").waitFor();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  const notice = page.getByTestId("signin-notice");
  await notice.waitFor();
  assert.match(await notice.innerText(), /signed out.*revoked/i);
  const left = await page.evaluate(
    () => (globalThis as unknown as { sessionStorage: Storage }).sessionStorage.length,
  );
  assert.equal(left, 0, "the revoked key is forgotten");
  assert.deepEqual(ui.pageErrors, []);
});

test("the accessibility check finds low contrast and unlabelled controls (and the sign-in page has none)", async () => {
  const page = await ui.newPage();
  await page.goto("/");
  await page.getByLabel("API key").waitFor();
  assert.deepEqual(await a11yProblems(page), { unlabelled: [], lowContrast: [] });
  await page.evaluate(() => {
    const doc = (
      globalThis as unknown as { document: { body: { insertAdjacentHTML(p: string, h: string): void } } }
    ).document;
    doc.body.insertAdjacentHTML(
      "beforeend",
      '<p style="color:#aaaaaa;background:#ffffff">faint text</p><input type="text" id="orphan">',
    );
  });
  const problems = await a11yProblems(page);
  assert.deepEqual(problems.lowContrast, ["faint text (2.32)"]);
  assert.equal(problems.unlabelled.length, 1);
  assert.match(problems.unlabelled[0]!, /id="orphan"/);
});

test("Settings: the OIDC federation details and trust policy for an account", async () => {
  const page = await ui.signedInPage({ key: spareKey });
  await page.goto("/settings");
  const account = page.getByLabel("AWS account id");
  await account.fill("12345");
  await page.getByRole("button", { name: "Show setup" }).click();
  assert.match(await page.locator("#fed-account-error").innerText(), /exactly 12 digits/);
  await account.fill("123456789012");
  await page.getByRole("button", { name: "Show setup" }).click();
  const block = page.getByTestId("federation-trust-policy");
  await block.waitFor();
  const info = (await ui.app.api("/api/v1/federation-info?account_id=123456789012", { key: spareKey })).body;
  assert.deepEqual(JSON.parse(await block.locator("pre").innerText()), info.trust_policy);
  const org = (await ui.app.api("/api/v1/org", { key: spareKey })).body as { id: string };
  assert.ok(JSON.stringify(info.trust_policy).includes(`org-${org.id}`), "pinned to this organisation");
  assert.match(
    await page.getByTestId("federation-info").innerText(),
    /arn:aws:iam::123456789012:oidc-provider\//,
  );
  await shoot(page, "settings-federation");
});
