/**
 * Durations and counts read back to the user in history's notes and marker rows: `15 min`, `2 h`,
 * `90 s`, `1 entry`, `2,899 entries`. One wording for line mode's stderr and the TUI's rows.
 */

/** `15 min`, `2 h`, `3 d`, `90 s`: whole days or hours when the span is one, else minutes or seconds. */
export function durationWords(ms: number): string {
	if (ms >= 86_400_000 && ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
	if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
	if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
	return `${Math.round(ms / 1000)} s`;
}

/** `1 entry`, `2,899 entries`. */
export function entryCount(n: number): string {
	return `${n.toLocaleString("en-US")} ${n === 1 ? "entry" : "entries"}`;
}
