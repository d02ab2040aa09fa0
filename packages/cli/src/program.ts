// The command line: commands, options, help texts with examples. This module is all `dbupgrade --help`
// loads (with commander); each command's code is imported only when that command runs, which keeps
// start-up short.
import { Command, CommanderError, Option } from "commander";
import { exitCodeHelp } from "./exit-codes.js";
import type { Io } from "./io.js";
import { SERVICES } from "./service-names.js";

const environmentHelp = `Credentials (never from a flag; never printed, not even with --verbose):
  HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK   AK/SK, as the official SDKs read them
  HUAWEICLOUD_SDK_SECURITY_TOKEN           with temporary AK/SK
  DBUPGRADE_TOKEN                          an IAM token (X-Auth-Token) instead
  or a config file (--config, DBUPGRADE_CONFIG, ~/.config/dbupgrade/config.json):
  {"region", "projectId", "endpoint", "accessKey", "secretKey", "securityToken", "token"}
Other variables: HUAWEICLOUD_SDK_PROJECT_ID, DBUPGRADE_REGION, DBUPGRADE_ENDPOINT, NO_COLOR.`;

function connectionOptions(command: Command): Command {
  return command
    .option("--region <region>", "region of the service's public endpoint, e.g. ap-southeast-1")
    .option("--project-id <id>", "project id (default: HUAWEICLOUD_SDK_PROJECT_ID or the config file)")
    .option("--endpoint <url>", "base URL of the service API instead of the region's (a mock, a proxy)")
    .option("--config <file>", "config file (JSON) with region, projectId, endpoint, credentials");
}

function outputOptions(command: Command): Command {
  return command
    .option("--json", "machine-readable JSON on stdout (progress stays on stderr)")
    .option("--verbose", "more detail on stderr (secrets are never printed)")
    .option("--no-color", "no colors (also NO_COLOR=1; colors are off when not a terminal)");
}

function selectionOptions(command: Command): Command {
  const selections = ["ids-file", "ids", "all", "name"];
  const others = (name: string) => selections.filter((s) => s !== name);
  return command
    .addOption(
      new Option("--ids-file <file>", "instance ids, one per line or comma-separated (- for stdin)").conflicts(
        others("ids-file"),
      ),
    )
    .addOption(new Option("--ids <ids>", "instance ids, comma-separated").conflicts(others("ids")))
    .addOption(new Option("--all", "every instance of the service in the project").conflicts(others("all")))
    .addOption(
      new Option("--name <pattern>", "instances whose name matches, * as wildcard ('prod-*')").conflicts(
        others("name"),
      ),
    )
    .addOption(
      new Option(
        "--tag <key=value>",
        "instances carrying this tag; repeat for more (all must match); alone or with the above (dds, gaussdb, taurusdb)",
      ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
    );
}

function serviceOptions(command: Command): Command {
  return command.addOption(new Option("--service <service>", "the database service").choices(SERVICES));
}

function upgradeOptions(command: Command): Command {
  return command
    .option("--start-time <time>", "gaussdb: when the hot patch starts (ISO 8601 with zone, or +30m / +2h from now)")
    .option("--target-version <version>", "gaussdb: the hot-patch version to install")
    .option("--delay", "taurusdb: upgrade in each instance's maintenance window instead of now");
}

const examples = (lines: string[]): string => `\nExamples:\n${lines.map((l) => `  ${l}`).join("\n")}\n`;
const endpoint = "http://127.0.0.1:4010/dds";

/** An action that loads its module on demand. Each command types its own flags (commander checked them). */
type Runner = (io: Io, options: never, args: string[]) => Promise<number>;

export function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command("dbupgrade")
    .description(
      "Plan, apply, wait for and report batch upgrades of Huawei Cloud databases (GeminiDB, TaurusDB, DDS, GaussDB/openGauss).",
    )
    .version(io.version, "-V, --version")
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
    })
    .exitOverride()
    .addHelpText(
      "after",
      `${examples([
        "dbupgrade plan --service dds --region ap-southeast-1 --all",
        "dbupgrade apply --service dds --ids-file ids.txt --report run.json --yes --wait",
        "dbupgrade wait --report run.json",
        "dbupgrade report run.json --json",
      ])}\n${environmentHelp}\n\n${exitCodeHelp}\n`,
    );

  const run = (load: () => Promise<{ run: Runner }>) =>
    async function (this: Command, ...args: unknown[]) {
      const positional = args.slice(0, -2).filter((a): a is string => typeof a === "string");
      const { run: runner } = await load();
      setExitCode(await runner(io, this.opts() as never, positional));
    };

  outputOptions(
    connectionOptions(
      upgradeOptions(
        selectionOptions(
          serviceOptions(
            program
              .command("plan")
              .description(
                "Show what an upgrade would do: each instance, eligible or not and why, from → to, the request chunks.",
              ),
          ),
        ),
      ),
    ),
  )
    .addHelpText(
      "after",
      examples([
        "dbupgrade plan --service geminidb --region ap-southeast-1 --all",
        "dbupgrade plan --service taurusdb --region ap-southeast-1 --name 'prod-*' --json",
        "dbupgrade plan --service dds --region ap-southeast-1 --tag env=prod --tag team=payments",
        `dbupgrade plan --service dds --ids-file ids.txt --endpoint ${endpoint} --project-id 619d3e78f61b4be68bc5aa0b59edcf7b`,
      ]),
    )
    .action(run(() => import("./commands/plan.js")));

  outputOptions(
    connectionOptions(
      upgradeOptions(
        selectionOptions(
          serviceOptions(
            program
              .command("apply")
              .description(
                "Plan, confirm, submit the upgrades with live progress, record every outcome in a report file; --wait follows the jobs to the end.",
              ),
          ),
        ),
      ),
    ),
  )
    .option(
      "--report <file>",
      "report file, written atomically as the run goes (default: dbupgrade-<service>-<time>.json)",
    )
    .option("-y, --yes", "do not ask for confirmation (required when not on a terminal)")
    .option("--wait", "after submitting, follow the upgrade jobs until each ends")
    .option("--resume <file>", "continue the run of this report: send only instances never sent (or skipped)")
    .option("--force", "with --resume: also resend instances whose request may have reached the server")
    .option("--concurrency <n>", "requests in flight at once")
    .option("--canary <n|n%>", "first wave alone: N instances or N% of them; the rest waits until it is confirmed")
    .option("--wave-size <n|n%>", "then waves of N instances or N% of all; each is sent after the previous one ended")
    .option(
      "--max-errors <n|n%>",
      "stop sending once errors exceed N, or N% of the instances started so far (running jobs are still followed)",
    )
    .option("--bake <duration>", "pause between waves (e.g. 10m), after a wave is confirmed")
    .option("--poll-interval <seconds>", "with --wait: seconds between status checks")
    .option(
      "--timeout <duration>",
      "with --wait: stop waiting after this long (e.g. 30m, 2h; exit 3, resume with wait)",
    )
    .addHelpText(
      "after",
      examples([
        "dbupgrade apply --service dds --region ap-southeast-1 --ids-file ids.txt",
        "dbupgrade apply --service geminidb --all --report run.json --yes --wait",
        "dbupgrade apply --service taurusdb --name 'prod-*' --delay --yes",
        "dbupgrade apply --service gaussdb --ids a,b --start-time 2026-12-01T02:00:00+08:00 --target-version 3.208.0.7 --yes",
        "dbupgrade apply --service geminidb --all --canary 2 --wave-size 25% --max-errors 10% --bake 10m --report run.json",
        "dbupgrade apply --resume run.json --yes          # after a crash or Ctrl-C",
        "dbupgrade apply --resume run.json --max-errors 20%  # after a stop by the rule: the next wave",
        "dbupgrade apply --resume run.json --force --yes  # also resend what may have reached the server",
      ]) + `\n${exitCodeHelp}\n`,
    )
    .action(run(() => import("./commands/apply.js")));

  outputOptions(
    connectionOptions(
      program.command("wait").description("Follow the upgrade jobs of a report until each ends, updating the report."),
    ),
  )
    .requiredOption("--report <file>", "the report file written by apply")
    .option("--poll-interval <seconds>", "seconds between status checks")
    .option("--timeout <duration>", "stop waiting after this long (e.g. 30m, 2h; exit 3, run wait again to go on)")
    .addHelpText(
      "after",
      examples([
        "dbupgrade wait --report run.json",
        "dbupgrade wait --report run.json --timeout 2h --json > final.json",
      ]) + `\n${exitCodeHelp}\n`,
    )
    .action(run(() => import("./commands/wait.js")));

  outputOptions(
    program
      .command("report")
      .description("Summarise a report file: counts per state, problems, what a resume would send.")
      .argument("<file>", "the report file"),
  )
    .addHelpText(
      "after",
      examples(["dbupgrade report run.json", "dbupgrade report run.json --json | jq .summary.states"]) +
        `\n${exitCodeHelp}\n`,
    )
    .action(run(() => import("./commands/report.js")));

  // check and record: read-only operations only (GET and the POSTs the specs mark read-only).
  const crawlOptions = (command: Command): Command =>
    outputOptions(connectionOptions(command))
      .addOption(new Option("--service <service>", "the database service").choices(SERVICES).conflicts("allServices"))
      .option("--all-services", "every service (--endpoint then needs {service}, e.g. http://127.0.0.1:4010/{service})")
      .option("--max-instances <n>", "per-instance operations for at most this many instances (default 100)")
      .option("--window-days <n>", "job and task lists over the last n days, 1-30 (default 7)");

  crawlOptions(
    program
      .command("check")
      .description(
        "Check that your account's answers match the specs: calls only read operations (instance lists, versions, candidates, recent jobs) and validates status, body and headers.",
      ),
  )
    .option("--report <file>", "also write a redacted report to attach to a bug (ids, names, IPs, secrets replaced)")
    .addHelpText(
      "after",
      examples([
        "dbupgrade check --service dds --region ap-southeast-1",
        "dbupgrade check --all-services --region ap-southeast-1 --report check.json",
        "dbupgrade check --all-services --endpoint 'http://127.0.0.1:4010/{service}' --json",
      ]) +
        `
Exit codes:
  0  every answer conforms to the specs
  1  some answer differs (undocumented field or value, type, status) or failed
  2  usage error
  4  credentials missing, or refused by the API (401/403: the IAM action to grant is named)
`,
    )
    .action(run(() => import("./commands/check.js")));

  crawlOptions(
    program
      .command("record")
      .description(
        "Save the answers of the read operations, redacted, with a manifest: a fleet for `dbupgrade-mock --fleet DIR`.",
      ),
  )
    .option("--out <dir>", "directory for manifest.json and one <service>.json per service")
    .option("--keep-names", "keep instance names (ids, addresses and secrets are always replaced)")
    .addHelpText(
      "after",
      examples([
        "dbupgrade record --service taurusdb --region ap-southeast-1 --out ./fleet",
        "dbupgrade record --all-services --region ap-southeast-1 --out ./fleet --keep-names",
        "dbupgrade-mock --port 0 --fleet ./fleet",
      ]) +
        `
${exitCodeHelp}
`,
    )
    .action(run(() => import("./commands/record.js")));

  const scheduled = program
    .command("scheduled")
    .description("Scheduled upgrades that have not started (taurusdb --delay, gaussdb --start-time): list, cancel.");
  outputOptions(
    connectionOptions(
      scheduled
        .command("list")
        .description("List pending scheduled upgrades: instance, task id, start time, status, target.")
        .addOption(new Option("--service <service>", "the database service").choices(["taurusdb", "gaussdb"])),
    ),
  )
    .addHelpText(
      "after",
      examples([
        "dbupgrade scheduled list --service taurusdb --region ap-southeast-1",
        "dbupgrade scheduled list --service gaussdb --json",
      ]) + `\n${exitCodeHelp}\n`,
    )
    .action(run(() => import("./commands/scheduled/list.js")));
  outputOptions(
    connectionOptions(
      scheduled
        .command("cancel")
        .description(
          "Cancel pending scheduled upgrades; each instance's outcome is reported (exit 1 if any is not cancelled).",
        )
        .addOption(new Option("--service <service>", "the database service").choices(["taurusdb", "gaussdb"]))
        .option("--ids <ids>", "instance ids whose pending upgrade to cancel, comma-separated")
        .option("--report <file>", "cancel the pending upgrades of this apply report's submitted instances")
        .option("--all", "cancel every pending scheduled upgrade of the service")
        .option("-y, --yes", "do not ask for confirmation (required when not on a terminal)"),
    ),
  )
    .addHelpText(
      "after",
      examples([
        "dbupgrade scheduled cancel --service taurusdb --ids a,b",
        "dbupgrade scheduled cancel --service gaussdb --report run.json --yes --json",
      ]) + `\n${exitCodeHelp}\n`,
    )
    .action(run(() => import("./commands/scheduled/cancel.js")));

  return program;
}

export { CommanderError };
