/**
 * The command line: checks the words, parses flags, resolves configuration and hands over to line
 * mode, the TUI, the emulator or replay. Ink and React are only imported by the interactive paths, so
 * line mode starts fast and stays light in pipes.
 */
import meow from "meow";
import { helpFor, mainHelp } from "./cli/help-text.js";
import { runCommand } from "./cli/run-command.js";
import { checkArguments, flagSpec } from "./cli/validate-flags.js";

const check = checkArguments(process.argv.slice(2));
if (check.kind === "help") {
	process.stdout.write(helpFor(check.subcommand));
	process.exit(0);
}
if (check.kind === "error") {
	process.stderr.write(`bctail: ${check.message}\nRun bctail --help for the options.\n`);
	process.exit(2);
}

const cli = meow(mainHelp, {
	importMeta: import.meta,
	allowUnknownFlags: false,
	autoHelp: false,
	flags: flagSpec,
});

const exitCode = await runCommand({
	input: cli.input,
	flags: cli.flags,
	env: process.env,
	cwd: process.cwd(),
	showHelp: () => cli.showHelp(0),
});
process.exitCode = exitCode;
