import { Command } from "commander";
import { addKeyToFile, KeyRingError, loadKeyRing, saveKeyFile } from "../../infra/crypto/key-ring.ts";
import { SecretVault } from "../../infra/crypto/sealed-secrets.ts";
import { fail, loadConfigOrExit, processLogger, startRuntime } from "../process.ts";

/** `driftwatch keys rotate`: a new key-encryption key, and every data key re-wrapped under it. */
export function keysCommand(): Command {
  const keys = new Command("keys").description("manage the master key that seals stored secrets");
  keys
    .command("rotate")
    .description(
      "re-wrap every secret's data key under a new master key (key file: a new key is generated; env: set the new key in DRIFTWATCH_MASTER_KEY and the old one in DRIFTWATCH_PREVIOUS_MASTER_KEYS first)",
    )
    .action(async () => {
      const config = loadConfigOrExit();
      const runtime = await startRuntime(config, processLogger(config));
      try {
        let ring = loadKeyRing(config);
        if (ring.source === "file") ring = addKeyToFile(ring);
        const result = await new SecretVault(ring).rotate(runtime.db);
        const stale = result.keyIdsInUse.filter((id) => id !== ring.activeId);
        if (ring.source === "file" && stale.length === 0) saveKeyFile(ring, new Set([ring.activeId]));
        process.stdout.write(
          `re-wrapped ${result.rewrapped} secret(s) under ${ring.activeId}` +
            (stale.length
              ? `; ${stale.length} key id(s) still in use (${stale.join(", ")}): run again\n`
              : ring.source === "env"
                ? "; DRIFTWATCH_PREVIOUS_MASTER_KEYS can now be removed\n"
                : "; old keys removed from the key file\n"),
        );
      } catch (err) {
        if (err instanceof KeyRingError) fail(err.message);
        throw err;
      } finally {
        await runtime.close();
      }
    });
  return keys;
}
