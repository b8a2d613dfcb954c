/**
 * The help texts: the main one and one per subcommand. A subcommand is known to `--help` (and to the
 * argument check, which keeps its first word out of the project list) by its entry in `subcommands`:
 * a new subcommand adds its help here and its dispatch in cli.tsx, nothing else.
 */
import { lineFormats } from "../output/line-format.js";

export const mainHelp = `
  Usage
    $ bctail [project ...]            tail projects (UUIDs or names) side by side
    $ bctail --demo                   tail the embedded emulator: no account, no network
    $ bctail query [project ...]      print history (the last 7 days), as catalyst logs query does
    $ bctail replay <file ...|->      open a recording (--save, or catalyst logs tail --format json)
    $ bctail emulator                 run the emulator in the foreground
    $ bctail <command> --help         help for one command

  Options
    --project-uuid <uuid>     a project to tail, as catalyst logs tail takes it (repeatable; same as
                              naming it after the options)
    --store-hash <hash>       else CATALYST_STORE_HASH, BIGCOMMERCE_STORE_HASH, .bigcommerce/project.json
    --access-token <token>    else CATALYST_ACCESS_TOKEN, BIGCOMMERCE_ACCESS_TOKEN, .bigcommerce/project.json
                              (prefer the environment: flags show in ps)
    --api-host <host>         else CATALYST_API_HOST, BIGCOMMERCE_API_HOST, project.json apiHost;
                              default api.bigcommerce.com (https). http:// only for loopback hosts.
    --format <f>              line mode: ${lineFormats.join(" | ")}
                              (line mode is also used when stdin or stdout is not a terminal)
    --idle-timeout <s>        a stream silent this long (no keep-alive either) is dead; default 35 (> 0)
    --scrollback <n>          entries kept per project; default 20000 (a whole number, at least 1)
    --memory <MiB>            what the scrollback of all panes may use; default half the heap limit,
                              at most a quarter of the machine (≥ 16). Past it the oldest go first.
    --since <duration>        history first: 30s, 15m, 6h, 2d (at most 7d). Line mode: none unless
                              given, then the live tail follows with no seam. TUI: default 15m;
                              --since 0 opens with live events only
    --save <file>             append every received event to <file> as NDJSON
    --max-event-size <MiB>    skip (and count) larger events; default 8 (> 0)
    --demo                    start the embedded emulator and tail its three demo projects
    --no-mouse                TUI: leave the mouse to the terminal (else: the wheel scrolls, a click
                              focuses and selects; hold Shift to select text)
    -h, --help, --version

  Projects default to CATALYST_PROJECT_UUID, else projectUuid in .bigcommerce/project.json; with none,
  the TUI opens a project picker.

  Examples
    $ CATALYST_ACCESS_TOKEN=... bctail --store-hash abc123 019500e2-933d-7057-8e81-090dd7240795
    $ bctail --format json > events.ndjson
    $ bctail replay events.ndjson
`;

const emulatorHelp = `
  Usage
    $ bctail emulator [options]

  Runs the embedded emulator of the logs API in the foreground on a loopback address and prints the
  command that tails it. Ctrl-C stops it.

  Options
    --port <n>                default 8787 (0: any free port; 1-65535 otherwise)
    --rate <events/s>         per project; default 2 (0: only what is pushed)
    --hostile                 messages carry escape sequences (for testing terminals)
    --history-seed <d>        past traffic the history endpoint serves at start; default 3h (0: none)
    -h, --help
`;

const replayHelp = `
  Usage
    $ bctail replay <file ...|-> [options]

  Opens recordings (bctail --save, or catalyst logs tail --format json) in the TUI, or prints them as
  lines with --format (or when stdout is not a terminal). - reads standard input.

  Options
    --format <f>              ${lineFormats.join(" | ")}
    --scrollback <n>          entries kept per project; default 20000
    --memory <MiB>            what the scrollback may use (see bctail --help)
    --no-mouse                leave the mouse to the terminal (see bctail --help)
    -h, --help
`;

const queryHelp = `
  Usage
    $ bctail query [project ...] (--since <duration> | --start <time> [--end <time>]) [options]

  Prints the history of a window (at most 7 days, within the last 7 days) with the flags, rules and
  lines of catalyst logs query. Where catalyst prints one page and a hint, bctail follows every page,
  oldest first, streaming as pages arrive; --limit, --after or --before ask for one page (and its
  hints, and in json its meta line). Several projects merge by time, each line led by its label.
  Entries go to stdout; the summary, hints, progress and errors go to stderr.

  Options
    --since <duration>        a window ending at --end (default now): 30m, 6h, 2d (units s, m, h, d)
    --start <time>            ISO-8601, or Unix epoch seconds (not with --since)
    --end <time>              ISO-8601, or Unix epoch seconds; default now
    --method <method>         request method (case-insensitive)
    --status-code <code>      response status (100-599)
    --url-like <substring>    URL substring (case-sensitive)
    --level-min <level>       debug | info | warn | error
    --limit <n>               one page of at most n entries (1-500)
    --after <cursor>          one page, older than a page's end cursor (not with --before)
    --before <cursor>         one page, newer than a page's start cursor
    --format <f>              ${lineFormats.join(" | ")}; default and short hide request rows
    --store-hash, --access-token, --api-host, --project-uuid, --demo: as for the tail
    -h, --help

  Examples
    $ bctail query --since 1h
    $ bctail query production preview --since 24h --level-min error --url-like /cart
    $ bctail query --since 2d --format json > week.ndjson
`;

/** Every subcommand by its first word, with its help text. */
export const subcommands: Readonly<Record<string, string>> = {
	emulator: emulatorHelp,
	query: queryHelp,
	replay: replayHelp,
};

/** The help for `subcommand` (the first positional word), else the main help. */
export function helpFor(subcommand: string | undefined): string {
	return (
		(subcommand !== undefined && Object.hasOwn(subcommands, subcommand)
			? subcommands[subcommand]
			: undefined) ?? mainHelp
	);
}
