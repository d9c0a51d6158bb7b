import { Command } from "commander";

/** `driftwatch check --contract C FILE…` (placeholder until the contracts work lands). */
export function checkCommand(): Command {
  return new Command("check").description("check files against a data contract (not built yet)");
}
