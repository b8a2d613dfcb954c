/**
 * The text of a pane row as the screen shows it (time, status, method, path, level, message), for the
 * literal search: what a user reads on a row is what `/word` finds. Kept in the store, without Ink,
 * so the search and the row renderer agree on the clock format (`ui/format.ts` uses `clockText`).
 */
import type { Entry } from "./types.js";

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

/** A row's clock time: local `HH:MM:SS.mmm`, or UTC `HH:MM:SS.mmmZ`. */
export function clockText(ms: number, utc: boolean): string {
	const d = new Date(ms);
	if (utc) {
		return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${pad3(d.getUTCMilliseconds())}Z`;
	}
	return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}.${pad3(d.getMilliseconds())}`;
}

/** Characters a clock text is made of: a needle without any of them cannot touch the time column. */
const clockCharacters = /[0-9:.z]/i;

/** Whether a (lower-case) needle could match across or inside the time column. */
export function needsClock(needle: string): boolean {
	return clockCharacters.test(needle);
}

/**
 * The row's visible text after the time, columns separated by one space as drawn (status padded to 3,
 * method to 4, level upper-case): `500 GET  /fr/sale-🔥 ERROR boom`. Padding is what the row shows,
 * so `500 get ` finds what the eye reads.
 */
export function rowTextAfterTime(entry: Entry): string {
	if (entry.kind === "gap") return `── ${entry.text} ──`;
	let out = "";
	const request = entry.event?.request ?? null;
	if (request) {
		out += request.status > 0 ? String(request.status).padStart(3) : "---";
		if (request.method) out += ` ${request.method.padEnd(4)}`;
		out += ` ${request.path} `;
	}
	if (entry.kind === "exception") out += "✖ ";
	else if (entry.kind === "log" && entry.level) out += `${entry.level.toUpperCase()} `;
	return out + entry.text;
}

/**
 * The whole row as shown with a clock time (`relative` times move every second: rows are searched
 * by their local clock time then).
 */
export function visibleRowText(entry: Entry, utc: boolean): string {
	return `${clockText(entry.time, utc)} ${rowTextAfterTime(entry)}`;
}
