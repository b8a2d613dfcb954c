/**
 * The command line checked before meow parses it: meow (the chosen parser) turns `abc` into NaN,
 * accepts `-1` seconds, runs the tool when `--help` follows other flags, and has no "did you mean".
 * So the raw words are scanned here with the same flag table meow gets, and every mistake becomes one
 * sentence (exit 2) instead of a tail that loops or skips every event.
 */
import { isLineFormat, lineFormats } from "../output/line-format.js";
import { closest } from "./did-you-mean.js";
import { subcommands } from "./help-text.js";

/** meow's flag table; cli.tsx hands it to meow as is. */
export const flagSpec = {
	projectUuid: { type: "string", isMultiple: true },
	storeHash: { type: "string" },
	accessToken: { type: "string" },
	apiHost: { type: "string" },
	format: { type: "string" },
	idleTimeout: { type: "number", default: 35 },
	scrollback: { type: "number", default: 20_000 },
	memory: { type: "number" },
	save: { type: "string" },
	maxEventSize: { type: "number", default: 8 },
	demo: { type: "boolean", default: false },
	port: { type: "number", default: 8787 },
	rate: { type: "number", default: 2 },
	hostile: { type: "boolean", default: false },
	// The TUI's mouse reports (`--no-mouse`: the terminal's own selection works without Shift).
	mouse: { type: "boolean", default: true },
	// History: `--since` for the tail and for query; the rest are `bctail query`'s (catalyst's names).
	since: { type: "string" },
	historySeed: { type: "string" },
	start: { type: "string" },
	end: { type: "string" },
	method: { type: "string" },
	statusCode: { type: "number" },
	urlLike: { type: "string" },
	levelMin: { type: "string" },
	limit: { type: "number" },
	after: { type: "string" },
	before: { type: "string" },
} as const;

/** Flags only `bctail query` takes. */
export const queryOnlyFlags = [
	"start",
	"end",
	"method",
	"status-code",
	"url-like",
	"level-min",
	"limit",
	"after",
	"before",
] as const;

/** Pairs that exclude each other, as in catalyst logs query. */
const conflicts: readonly (readonly [string, string])[] = [
	["since", "start"],
	["after", "before"],
];

export type ArgumentCheck =
	| { readonly kind: "ok" }
	| { readonly kind: "help"; readonly subcommand: string | undefined }
	| { readonly kind: "version" }
	| { readonly kind: "error"; readonly message: string };

const kebab = (name: string): string => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

const flagTypes = new Map<string, string>(
	Object.entries(flagSpec).map(([name, spec]) => [kebab(name), spec.type]),
);
const knownNames = [...flagTypes.keys(), "help", "version"];

/** Per flag taking a value: a sentence when the value is wrong, else null. */
const valueChecks: Readonly<Record<string, (value: string) => string | null>> = {
	format: (value) =>
		isLineFormat(value) ? null : `--format must be one of ${lineFormats.join(", ")} (got "${value}")`,
	"idle-timeout": (value) =>
		range(value, "--idle-timeout", "a number of seconds greater than 0", (n) => n > 0),
	scrollback: (value) =>
		range(
			value,
			"--scrollback",
			"a whole number of entries, at least 1",
			(n) => Number.isInteger(n) && n >= 1,
		),
	memory: (value) => range(value, "--memory", "a size in MiB, at least 16", (n) => n >= 16),
	"max-event-size": (value) => range(value, "--max-event-size", "a size in MiB greater than 0", (n) => n > 0),
	port: (value) =>
		range(
			value,
			"--port",
			"a port number from 0 to 65535",
			(n) => Number.isInteger(n) && n >= 0 && n <= 65_535,
		),
	rate: (value) => range(value, "--rate", "events per second, 0 or more", (n) => n >= 0),
	// catalyst's sentences, word for word.
	"status-code": (value) => integerIn(value, "--status-code", 100, 599),
	limit: (value) => integerIn(value, "--limit", 1, 500),
	"level-min": (value) =>
		["debug", "info", "warn", "error"].includes(value)
			? null
			: `--level-min must be one of debug, info, warn, error (got "${value}")`,
	"history-seed": (value) =>
		/^\s*\d+(\.\d+)?\s*(ms|s|m|h|d)?\s*$/.test(value)
			? null
			: `--history-seed needs a duration like 30m, 3h or 2d (got "${value}")`,
	since: (value) =>
		/^\s*\d+([smhd])?\s*$/.test(value) && (/[smhd]\s*$/.test(value) || Number(value) === 0)
			? null
			: `Invalid --since value "${value}". Provide a duration like 30m, 6h, or 2d (units: s, m, h, d).`,
};

function integerIn(value: string, flag: string, min: number, max: number): string | null {
	const parsed = Number(value);
	return Number.isInteger(parsed) && parsed >= min && parsed <= max
		? null
		: `${flag} must be an integer between ${min} and ${max}.`;
}

function range(value: string, flag: string, wanted: string, ok: (n: number) => boolean): string | null {
	const number = value.trim() === "" ? Number.NaN : Number(value);
	return Number.isFinite(number) && ok(number) ? null : `${flag} needs ${wanted} (got "${value}")`;
}

function unknownFlag(word: string, name: string): string {
	const suggestion = closest(name, knownNames);
	return suggestion === null
		? `unknown option ${word}`
		: `unknown option ${word}: did you mean --${suggestion}?`;
}

/**
 * Checks the words after `bctail`. Help wins wherever `-h`/`--help` stands (before a `--`), and is the
 * help of the subcommand when the first positional word names one.
 */
export function checkArguments(argv: readonly string[]): ArgumentCheck {
	const positionals: string[] = [];
	const given = new Set<string>();
	let help = false;
	let version = false;
	let problem: string | null = null;
	const fail = (message: string): void => {
		problem ??= message;
	};
	for (let index = 0; index < argv.length; index++) {
		const word = argv[index] ?? "";
		if (word === "--") {
			positionals.push(...argv.slice(index + 1));
			break;
		}
		if (word === "-h" || word === "--help") {
			help = true;
			continue;
		}
		if (word === "--version") {
			version = true;
			continue;
		}
		if (!word.startsWith("-") || word === "-") {
			positionals.push(word);
			continue;
		}
		if (!word.startsWith("--")) {
			fail(`unknown option ${word}${word.length > 2 ? ` (long options take two dashes: -${word})` : ""}`);
			continue;
		}
		const equals = word.indexOf("=");
		const name = word.slice(2, equals === -1 ? undefined : equals);
		const type = flagTypes.get(name);
		if (type === undefined) {
			const negated = name.startsWith("no-") ? flagTypes.get(name.slice(3)) : undefined;
			if (negated !== "boolean") fail(unknownFlag(word.slice(0, equals === -1 ? undefined : equals), name));
			continue;
		}
		given.add(name);
		if (type === "boolean") continue;
		let value: string | undefined;
		if (equals !== -1) value = word.slice(equals + 1);
		else {
			value = argv[index + 1];
			index++;
		}
		if (value === undefined) {
			fail(`--${name} needs a value`);
			continue;
		}
		const sentence = valueChecks[name]?.(value) ?? null;
		if (sentence !== null) fail(sentence);
	}
	const first = positionals[0];
	if (help)
		return {
			kind: "help",
			subcommand: first !== undefined && Object.hasOwn(subcommands, first) ? first : undefined,
		};
	if (version) return { kind: "version" };
	for (const [one, other] of conflicts) {
		if (given.has(one) && given.has(other)) fail(`--${one} cannot be used with --${other}`);
	}
	if (first !== "query") {
		const misplaced = queryOnlyFlags.find((name) => given.has(name));
		if (misplaced !== undefined)
			fail(`--${misplaced} is an option of bctail query (see bctail query --help)`);
	}
	return problem === null ? { kind: "ok" } : { kind: "error", message: problem };
}
