import { Command } from "commander";
import { checkCommand } from "./commands/check.command.ts";
import { contractCommand } from "./commands/contract.command.ts";
import { keysCommand } from "./commands/keys.command.ts";
import { policyCommand } from "./commands/policy.command.ts";
import { migrateCommand, serveCommand, workerCommand } from "./commands/serve.command.ts";

const program = new Command("driftwatch")
  .description("Watches what lands in S3 and says when it drifts from what was agreed.")
  .showHelpAfterError()
  .exitOverride((err) => {
    // commander's own usage errors (unknown option, missing argument) exit 2, like every other usage error.
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

program.addCommand(serveCommand());
program.addCommand(workerCommand());
program.addCommand(migrateCommand());
program.addCommand(keysCommand());
program.addCommand(checkCommand());
program.addCommand(contractCommand());
program.addCommand(policyCommand());

await program.parseAsync(process.argv);
