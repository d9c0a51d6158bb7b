import { Command } from "commander";
import { accountsCommand } from "./commands/accounts.command.ts";
import { checkCommand } from "./commands/check.command.ts";
import { connectionsCommand } from "./commands/connections.command.ts";
import { contractCommand } from "./commands/contract.command.ts";
import { demoCommand } from "./commands/demo.command.ts";
import { destinationsCommand } from "./commands/destinations.command.ts";
import { eventsCommand } from "./commands/events.command.ts";
import { keysCommand } from "./commands/keys.command.ts";
import { policyCommand } from "./commands/policy.command.ts";
import { migrateCommand, serveCommand, workerCommand } from "./commands/serve.command.ts";
import { stateSourcesCommand } from "./commands/state-sources.command.ts";

const program = new Command("driftwatch")
  .description("Watches what lands in S3 and says when it drifts from what was agreed.")
  .showHelpAfterError("(run driftwatch --help for the commands)");

program.addCommand(serveCommand());
program.addCommand(workerCommand());
program.addCommand(migrateCommand());
program.addCommand(keysCommand());
program.addCommand(connectionsCommand());
program.addCommand(destinationsCommand());
program.addCommand(eventsCommand());
program.addCommand(accountsCommand());
program.addCommand(stateSourcesCommand());
program.addCommand(checkCommand());
program.addCommand(contractCommand());
program.addCommand(policyCommand());
program.addCommand(demoCommand());

// commander's own usage errors (unknown option, bad argument) exit 2 in every subcommand too.
function usageErrorsExit2(cmd: Command): void {
  cmd.exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));
  for (const sub of cmd.commands) usageErrorsExit2(sub);
}
usageErrorsExit2(program);

await program.parseAsync(process.argv);
