// @ts-check
// Baseline for the start-up benchmark: what a user's own script would pay for the same help with
// commander loaded the ordinary way (node_modules, CommonJS), and nothing else.
import { Command } from "commander";

const program = new Command("upgrade-script").description("Upgrades databases.");
for (const name of ["plan", "apply", "wait", "report"])
  program.command(name).description(`${name} things`).option("--service <service>").option("--json");
program.parse();
