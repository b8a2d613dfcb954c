/**
 * The command line: parses flags, resolves configuration and hands over to line mode, the TUI, the
 * emulator or replay. Ink and React are only imported by the interactive paths, so line mode starts
 * fast and stays light in pipes.
 */
import meow from "meow";
import { runCommand } from "./cli/run-command.js";
import { lineFormats } from "./output/line-format.js";

const help = `
  Usage
    $ bctail [project ...]            tail projects (UUIDs or names) side by side
    $ bctail --demo                   tail the embedded emulator: no account, no network
    $ bctail replay <file ...|->      open a recording (--save, or catalyst logs tail --format json)
    $ bctail emulator                 run the emulator in the foreground

  Options
    --store-hash <hash>       else CATALYST_STORE_HASH, BIGCOMMERCE_STORE_HASH, .bigcommerce/project.json
    --access-token <token>    else CATALYST_ACCESS_TOKEN, BIGCOMMERCE_ACCESS_TOKEN, .bigcommerce/project.json
                              (prefer the environment: flags show in ps)
    --api-host <host>         else CATALYST_API_HOST, BIGCOMMERCE_API_HOST, project.json apiHost;
                              default api.bigcommerce.com (https). http:// only for loopback hosts.
    --format <f>              line mode: ${lineFormats.join(" | ")}
                              (line mode is also used when stdin or stdout is not a terminal)
    --idle-timeout <s>        a stream silent this long (no keep-alive either) is dead; default 35
    --scrollback <n>          entries kept per project; default 20000
    --save <file>             append every received event to <file> as NDJSON
    --max-event-size <MiB>    skip (and count) larger events; default 8
    --demo                    start the embedded emulator and tail its three demo projects
    --help, --version

  Projects default to CATALYST_PROJECT_UUID, else projectUuid in .bigcommerce/project.json; with none,
  the TUI opens a project picker.

  Emulator options
    --port <n>                default 8787 (0: any free port)
    --rate <events/s>         per project; default 2
    --hostile                 messages carry escape sequences (for testing terminals)

  Examples
    $ CATALYST_ACCESS_TOKEN=... bctail --store-hash abc123 019500e2-933d-7057-8e81-090dd7240795
    $ bctail --format json > events.ndjson
    $ bctail replay events.ndjson
`;

const cli = meow(help, {
	importMeta: import.meta,
	allowUnknownFlags: false,
	flags: {
		storeHash: { type: "string" },
		accessToken: { type: "string" },
		apiHost: { type: "string" },
		format: { type: "string", choices: [...lineFormats] },
		idleTimeout: { type: "number", default: 35 },
		scrollback: { type: "number", default: 20_000 },
		save: { type: "string" },
		maxEventSize: { type: "number", default: 8 },
		demo: { type: "boolean", default: false },
		port: { type: "number", default: 8787 },
		rate: { type: "number", default: 2 },
		hostile: { type: "boolean", default: false },
	},
});

const exitCode = await runCommand({
	input: cli.input,
	flags: cli.flags,
	env: process.env,
	cwd: process.cwd(),
	showHelp: () => cli.showHelp(0),
});
process.exitCode = exitCode;
