/**
 * What "go to time" (`T`) accepts, read against an injected clock: a time of day (`14:05`,
 * `14:05:30`, local time: today, or yesterday when today's is still to come), a time ago (`-2h`,
 * `-15m`, `-3d`, `-45s`), or an ISO-8601 date and time. The result must lie within history's seven
 * days and not in the future; otherwise the sentence says why (the status bar shows it). Pure.
 */

import { sanitizeOneLine } from "../model/sanitize.js";

/** How far back history reaches (the Logs API keeps seven days). */
export const historyReachMs = 7 * 24 * 60 * 60 * 1000;

export type TimeTarget =
	/** `ms`: the instant asked for; `seconds`: the entry named seconds (the header shows them then). */
	| { readonly ok: true; readonly ms: number; readonly seconds: boolean }
	| { readonly ok: false; readonly error: string };

const timeOfDay = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const ago = /^-\s*(\d+)\s*([smhd])$/;
const unitMs: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** An ISO-8601 date, optionally with a time: what `Date.parse` reads as such. */
const isoDate = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Reads a time of day as today's (local), or yesterday's when today's has not come yet. */
function dayTime(match: RegExpExecArray, now: number): TimeTarget {
	const hours = Number(match[1]);
	const minutes = Number(match[2]);
	const seconds = match[3] === undefined ? 0 : Number(match[3]);
	if (hours > 23 || minutes > 59 || seconds > 59)
		return {
			ok: false,
			error: `no such time of day: ${sanitizeOneLine(match[0])} (hh:mm or hh:mm:ss, 24-hour)`,
		};
	const date = new Date(now);
	date.setHours(hours, minutes, seconds, 0);
	if (date.getTime() > now) date.setDate(date.getDate() - 1);
	return { ok: true, ms: date.getTime(), seconds: match[3] !== undefined };
}

/**
 * The instant `text` names, read at `now`.
 * @param text what was typed after "go to time:"
 * @param now the clock's time (ms since the epoch)
 */
export function parseTimeTarget(text: string, now: number): TimeTarget {
	const input = text.trim();
	if (input === "") return { ok: false, error: "type a time: 14:05, 14:05:30, -2h, -15m or an ISO date" };
	let target: TimeTarget;
	const clock = timeOfDay.exec(input);
	const back = ago.exec(input);
	if (clock !== null) target = dayTime(clock, now);
	else if (back !== null) {
		const ms = Number(back[1]) * (unitMs[(back[2] as string).toLowerCase()] as number);
		target = { ok: true, ms: now - ms, seconds: back[2] === "s" };
	} else if (isoDate.test(input) && Number.isFinite(Date.parse(input))) {
		target = { ok: true, ms: Date.parse(input), seconds: /:\d{2}:\d{2}/.test(input) };
	} else {
		return {
			ok: false,
			error: `not a time: ${sanitizeOneLine(input.slice(0, 40))} (try 14:05, -2h or 2026-12-04T14:05)`,
		};
	}
	if (!target.ok) return target;
	if (target.ms > now) return { ok: false, error: "that time is in the future" };
	if (target.ms < now - historyReachMs) return { ok: false, error: "history keeps only the last 7 days" };
	return target;
}
