/**
 * Timestamps of tail events as milliseconds. Every event carries one per log and exception, so this is
 * on the hot path: the usual `2026-06-01T12:34:56.789Z` form is read digit by digit (about 5x faster
 * than `Date.parse`), and anything else goes to `Date.parse`, which decides.
 */

const zero = 0x30;

/** The number of `count` ASCII digits at `at`, or -1 when any is not a digit. */
function digits(text: string, at: number, count: number): number {
	let value = 0;
	for (let i = at; i < at + count; i++) {
		const d = text.charCodeAt(i) - zero;
		if (d < 0 || d > 9) return -1;
		value = value * 10 + d;
	}
	return value;
}

/**
 * `YYYY-MM-DDTHH:MM:SS[.fraction]Z` read directly, or NaN when the text is not exactly that (with
 * fields in range), so the caller can fall back to `Date.parse`. Gives what `Date.parse` gives for the
 * same text: days past the month's end roll over, as V8 does, and the fraction is cut to milliseconds.
 */
function parseUtcIso(text: string): number {
	const length = text.length;
	if (length < 20 || text.charCodeAt(length - 1) !== 0x5a /* Z */) return Number.NaN;
	if (
		text.charCodeAt(4) !== 0x2d ||
		text.charCodeAt(7) !== 0x2d ||
		text.charCodeAt(10) !== 0x54 ||
		text.charCodeAt(13) !== 0x3a ||
		text.charCodeAt(16) !== 0x3a
	) {
		return Number.NaN;
	}
	const year = digits(text, 0, 4);
	const month = digits(text, 5, 2);
	const day = digits(text, 8, 2);
	const hour = digits(text, 11, 2);
	const minute = digits(text, 14, 2);
	const second = digits(text, 17, 2);
	if (
		year < 0 ||
		month < 1 ||
		month > 12 ||
		day < 1 ||
		day > 31 ||
		hour < 0 ||
		hour > 23 ||
		minute < 0 ||
		minute > 59 ||
		second < 0 ||
		second > 59
	) {
		return Number.NaN;
	}
	let ms = 0;
	if (length > 20) {
		// A fraction: `.` then at least one digit, up to the final Z.
		// V8 reads 10+ digit fractions oddly (".0001000000" is 1 ms): leave those to Date.parse.
		const fraction = length - 21;
		if (text.charCodeAt(19) !== 0x2e || fraction < 1 || fraction > 9) return Number.NaN;
		if (digits(text, 20, fraction) < 0) return Number.NaN;
		const kept = Math.min(fraction, 3);
		ms = digits(text, 20, kept) * 10 ** (3 - kept);
	}
	// Date.UTC maps years 0-99 to 1900-1999: leave those (never real) to Date.parse.
	if (year < 100) return Number.NaN;
	return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/**
 * An event timestamp as ms since the epoch, or null when it is not a string Date.parse understands.
 * Only strings count: a bare number could be seconds or milliseconds, and guessing wrong would
 * misplace the event silently.
 */
export function parseTime(value: unknown): number | null {
	if (typeof value !== "string" || value === "") return null;
	let ms = parseUtcIso(value);
	if (Number.isNaN(ms)) ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : null;
}
