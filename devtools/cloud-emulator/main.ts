/**
 * Runs the Resource Explorer 2 + Cloud Control emulator on its own, over a scripted account file:
 *
 *   node devtools/cloud-emulator/main.ts --account account.json [--port 4566] [--host 127.0.0.1]
 *
 * The file is a ScriptedAccount as JSON (cloud-emulator.types.ts): accountId, aggregatorRegion,
 * credentials, resources, and optionally denied, unsupportedTypes, throttleRate, quotas…
 * Prints the endpoint on the first line of stdout; `GET <endpoint>/__emulator/stats` gives the call counts
 * per quota key and second, `POST <endpoint>/__emulator/reset` clears them. Stops on SIGINT / SIGTERM.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startCloudEmulator } from "./cloud-emulator.server.ts";
import type { ScriptedAccount } from "./cloud-emulator.types.ts";

const USAGE = "usage: main.ts --account FILE.json [--port 0] [--host 127.0.0.1]";

const { values } = parseArgs({
  options: { account: { type: "string" }, port: { type: "string" }, host: { type: "string" } },
  strict: true,
});
if (!values.account) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const account = JSON.parse(readFileSync(values.account, "utf8")) as ScriptedAccount;
const emulator = await startCloudEmulator({
  account,
  port: Number(values.port ?? "0"),
  host: values.host ?? "127.0.0.1",
});
process.stdout.write(`${emulator.endpoint}\n`);
process.stderr.write(
  `Resource Explorer 2 + Cloud Control emulator on ${emulator.endpoint}: account ${account.accountId}, ` +
    `${account.resources.length} resources, aggregator ${account.aggregatorRegion}\n`,
);
const stop = () => {
  void emulator.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
