/**
 * Line mode's output: the formats of `catalyst logs tail --format` (api.md "Output formats"), so users
 * keep their habits and scripts. Never loads Ink or React.
 *
 * Decisions where catalyst or the spec leave a choice:
 * - Timestamps are printed as the server sent them, like catalyst (`10:31:04Z` stays `10:31:04Z`): a
 *   log's or exception's own time, else the event's; an event without a valid time shows the receive
 *   time as an ISO string.
 * - `request`: a log with no message prints the request part only, without a level (as catalyst does).
 * - Every line is one terminal line: newlines inside a message, URL or exception show as `⏎`.
 * - `request` with a null request (a Durable Object, queue or cron invocation) prints the log part
 *   only: `[<ts>] [<LEVEL>] <msg>`; there is no method, URL or status to show.
 * - Exceptions print in `default` and `request` as `[<ts>] EXCEPTION <name>: <message>`, in `short`
 *   without the timestamp, then the stack's lines each indented by two spaces. The stack's first line
 *   is left out when it only repeats `<name>: <message>` (as V8 stacks do).
 * - `json` and `pretty` print the event's JSON exactly (unknown fields kept), never a label or colour,
 *   so the output stays valid NDJSON / JSON for other tools.
 * - With a `label` function (more than one project), every text line starts with the project's label
 *   in a colour chosen by a hash of the project UUID, so a project keeps its colour across runs.
 */
import { safeJsonStringify } from "../model/safe-json.js";
import { oneLine, sanitizeOneLine } from "../model/sanitize.js";
import type { ExceptionRecord, TailEvent } from "../model/types.js";
import { sentTimes } from "./sent-times.js";
import { type Colour, paint } from "./sgr.js";

export type LineFormat = "default" | "short" | "request" | "json" | "pretty";

/** Every format, in the order `--help` lists them. */
export const lineFormats: readonly LineFormat[] = ["default", "short", "request", "json", "pretty"];

/** True when `value` names a line format. */
export function isLineFormat(value: string): value is LineFormat {
	return (lineFormats as readonly string[]).includes(value);
}

export interface LineFormatterOptions {
	readonly format: LineFormat;
	/** Colour levels (and labels) with SGR codes. */
	readonly color: boolean;
	/**
	 * The label of a project (its name, or the first 8 characters of its UUID), or null for none. Give
	 * it only when tailing more than one project: then every text line starts with the label.
	 */
	readonly label?: ((projectUuid: string) => string | null) | undefined;
}

const levelColours: Readonly<Record<string, Colour>> = {
	INFO: "green",
	WARN: "yellow",
	ERROR: "red",
	DEBUG: "gray",
};

/** Label colours: distinct from each other and never red, which means "error". */
const labelPalette: readonly Colour[] = ["cyan", "magenta", "yellow", "green", "blue", "brightCyan"];

/** A stable colour for a project: FNV-1a of its UUID picks one from the palette. */
export function labelColour(projectUuid: string): Colour {
	let hash = 0x811c9dc5;
	for (let i = 0; i < projectUuid.length; i++) {
		hash ^= projectUuid.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return labelPalette[(hash >>> 0) % labelPalette.length] as Colour;
}

/**
 * project_uuid comes from the stream, so an attacker could send endless distinct ones: the label cache
 * starts over past this size instead of growing.
 */
const labelCacheLimit = 256;

function isoTime(ms: number): string {
	// Times come from Date.parse or a clock, so they are in Date's range; guard anyway, as a formatter
	// that throws would stop the whole tail.
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? "(invalid time)" : date.toISOString();
}

/**
 * Builds the formatter for one run: call it once per event. It returns the text to write, each line
 * ending in `\n`, or "" when the format prints nothing for the event (in `default` and `short`, a
 * request that logged nothing and threw nothing, as catalyst prints one line per log message).
 */
export function createLineFormatter(options: LineFormatterOptions): (event: TailEvent) => string {
	const { format, color, label } = options;
	if (format === "json") return (event) => `${event.json}\n`;
	if (format === "pretty") return formatPretty;

	const labels = new Map<string, string>();
	const prefixOf = (projectUuid: string): string => {
		if (label === undefined) return "";
		let prefix = labels.get(projectUuid);
		if (prefix === undefined) {
			const text = label(projectUuid);
			// Project names come from the network too.
			const safe = text === null ? "" : sanitizeOneLine(text);
			prefix = safe === "" ? "" : `${color ? paint(labelColour(projectUuid), safe) : safe} `;
			if (labels.size >= labelCacheLimit) labels.clear();
			labels.set(projectUuid, prefix);
		}
		return prefix;
	};
	const levelTag = (level: string): string => {
		// A level is any (sanitized) string: a newline in it must not split the output line.
		const upper = oneLine(level.toUpperCase());
		const colour = color ? levelColours[upper] : undefined;
		return colour === undefined ? `[${upper}]` : `[${paint(colour, upper)}]`;
	};
	const exceptionTag = color ? paint("red", "EXCEPTION") : "EXCEPTION";

	const exceptionLines = (
		out: string[],
		prefix: string,
		exception: ExceptionRecord,
		ts: string | null,
	): void => {
		const header = exceptionHeader(exception);
		const lead = ts !== null ? `${prefix}[${ts}] ` : prefix;
		out.push(header === "" ? `${lead}${exceptionTag}` : `${lead}${exceptionTag} ${oneLine(header)}`);
		if (exception.stack !== null) {
			for (const line of stackLines(exception.stack, header)) out.push(`${prefix}  ${line}`);
		}
	};

	return (event) => {
		const prefix = prefixOf(event.projectUuid);
		// short prints no time: skip reading the sent ones.
		const sent = format === "short" ? null : sentTimes(event);
		const eventTs = sent?.event ?? isoTime(event.time);
		const timeOf = (time: number | null, text: string | null | undefined): string =>
			time === null ? eventTs : (text ?? isoTime(time));
		const out: string[] = [];
		const request = event.request;
		const requestPart =
			format === "request" && request !== null
				? `${oneLine(request.method)} ${oneLine(request.url)} (${request.status})`
				: "";
		event.logs.forEach((log, index) => {
			const text = oneLine(log.text);
			if (format === "short") {
				out.push(`${prefix}${text}`);
				return;
			}
			const ts = timeOf(log.time, sent?.logs[index]);
			if (requestPart === "") out.push(`${prefix}[${ts}] ${levelTag(log.level)} ${text}`);
			else if (text === "") out.push(`${prefix}[${ts}] ${requestPart}`);
			else out.push(`${prefix}[${ts}] ${requestPart} ${levelTag(log.level)} ${text}`);
		});
		if (requestPart !== "" && event.logs.length === 0) out.push(`${prefix}[${eventTs}] ${requestPart}`);
		event.exceptions.forEach((exception, index) => {
			const ts = format === "short" ? null : timeOf(exception.time, sent?.exceptions[index]);
			exceptionLines(out, prefix, exception, ts);
		});
		return out.length === 0 ? "" : `${out.join("\n")}\n`;
	};
}

function formatPretty(event: TailEvent): string {
	let value: unknown;
	try {
		value = JSON.parse(event.json);
	} catch {
		// event.json comes from safeJsonStringify, so this cannot happen; print it as is if it does.
		return `${event.json}\n`;
	}
	return `${safeJsonStringify(value, 2)}\n`;
}

function exceptionHeader(exception: ExceptionRecord): string {
	if (exception.name === "") return exception.message;
	if (exception.message === "") return exception.name;
	return `${exception.name}: ${exception.message}`;
}

/** The stack's non-blank lines, without a first line that repeats the header. */
function stackLines(stack: string, header: string): string[] {
	let body = stack;
	if (header !== "" && stack.startsWith(header)) {
		const rest = stack.charCodeAt(header.length);
		if (Number.isNaN(rest) || rest === 0x0a) body = stack.slice(header.length + 1);
	}
	return body.split("\n").filter((line) => line.trim() !== "");
}

/**
 * Whether line mode colours its output: `FORCE_COLOR` wins (`0` or `false` turn colour off, any other
 * value on), then a non-empty `NO_COLOR` or `TERM=dumb` turn it off, else colour when stdout is a
 * terminal. These are Node's own rules for `FORCE_COLOR`/`NO_COLOR`; a `--color`/`--no-color` flag, if
 * the CLI has one, should be applied before calling this.
 */
export function shouldUseColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
	const force = env.FORCE_COLOR;
	if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
	if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
	if (env.TERM === "dumb") return false;
	return isTTY;
}
