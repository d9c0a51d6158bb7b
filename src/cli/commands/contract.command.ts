import { Command } from "commander";

/** `driftwatch contract infer|lint` (placeholder until the contracts work lands). */
export function contractCommand(): Command {
  return new Command("contract").description("infer or lint data contracts (not built yet)");
}
