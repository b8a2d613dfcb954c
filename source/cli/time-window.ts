/**
 * The time window of a history query, from `--since`, `--start` and `--end` as `catalyst logs query`
 * reads them: a time is ISO-8601 or Unix epoch seconds, a duration `<n>s|m|h|d`, the end defaults to
 * now, and the window must be ordered and at most 7 days long. Errors are the sentences the CLI prints.
 * Pure: the caller passes the clock.
 */
import { sanitizeOneLine } from "../model/sanitize.js";

/** The longest window the history endpoint accepts. */
export const maxWindowMs = 7 * 24 * 60 * 60 * 1000;

const epochSeconds = /^\d+$/;
const durationPattern = /^(\d+)([smhd])$/;
const unitMs: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A time flag's value in ms since the epoch: digits only are epoch seconds, anything else goes to
 * `Date.parse`. NaN when it is not a time.
 */
export function parseTimeInput(value: string): number {
	if (epochSeconds.test(value)) return Number(value) * 1000;
	return Date.parse(value);
}

/**
 * A duration (`30m`, `6h`, `2d`, `45s`) in ms, or null when it is not one. `0` alone is accepted as
 * no time at all (`--since 0`: no backfill).
 */
export function parseDuration(value: string): number | null {
	if (value === "0") return 0;
	const match = durationPattern.exec(value);
	if (match === null) return null;
	return Number(match[1]) * (unitMs[match[2] as string] as number);
}

export interface TimeWindowFlags {
	readonly since?: string | undefined;
	readonly start?: string | undefined;
	readonly end?: string | undefined;
}

export interface TimeWindow {
	/** `start` as sent to the API: the flag as given when it is a date, else an ISO string. */
	readonly start: string;
	/** `end` as sent: the flag as given when it is a date, else an ISO string (now by default). */
	readonly end: string;
	readonly startMs: number;
	readonly endMs: number;
}

export type TimeWindowResult =
	| { readonly ok: true; readonly window: TimeWindow }
	| { readonly ok: false; readonly error: string };

function invalidTime(flag: "start" | "end", value: string): TimeWindowResult {
	return {
		ok: false,
		error: `Invalid --${flag} value "${sanitizeOneLine(value)}". Provide an ISO-8601 timestamp or a Unix epoch (seconds).`,
	};
}

/** ISO text of a time the Date range holds, else null. */
function isoOf(ms: number): string | null {
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A time flag: its ms and the text to send (ISO for epoch seconds), or null when invalid. */
function timeFlag(value: string): { ms: number; text: string } | null {
	const ms = parseTimeInput(value);
	if (!Number.isFinite(ms)) return null;
	const text = epochSeconds.test(value) ? isoOf(ms) : value;
	return text === null ? null : { ms, text };
}

/**
 * Resolves the window of a history query. `--since` wins over `--start` when both are given; with
 * `--since` the start is the end minus the duration.
 * @param flags the flag values as typed (undefined when absent)
 * @param now the current time (ms since the epoch), the default end
 * @returns the window, or the sentence that says what is wrong
 */
export function resolveTimeWindow(flags: TimeWindowFlags, now: number): TimeWindowResult {
	let end: { ms: number; text: string } | null;
	if (flags.end !== undefined) {
		end = timeFlag(flags.end);
		if (end === null) return invalidTime("end", flags.end);
	} else {
		end = { ms: now, text: isoOf(now) ?? new Date(0).toISOString() };
	}
	let startMs: number;
	let startText: string | null = null;
	if (flags.since !== undefined) {
		const duration = parseDuration(flags.since);
		if (duration === null) {
			return {
				ok: false,
				error: `Invalid --since value "${sanitizeOneLine(flags.since)}". Provide a duration like 30m, 6h, or 2d (units: s, m, h, d).`,
			};
		}
		startMs = end.ms - duration;
	} else if (flags.start !== undefined) {
		const start = timeFlag(flags.start);
		if (start === null) return invalidTime("start", flags.start);
		startMs = start.ms;
		startText = start.text;
	} else {
		return { ok: false, error: "Provide a time window with --since <duration> or --start <time>." };
	}
	if (startMs > end.ms) {
		return { ok: false, error: "Invalid time window: --start must be before or equal to --end." };
	}
	if (end.ms - startMs > maxWindowMs) {
		return { ok: false, error: "Invalid time window: the range must not exceed 7 days." };
	}
	startText ??= isoOf(startMs);
	if (startText === null)
		return { ok: false, error: "Invalid time window: the range must not exceed 7 days." };
	return { ok: true, window: { start: startText, end: end.text, startMs, endMs: end.ms } };
}
