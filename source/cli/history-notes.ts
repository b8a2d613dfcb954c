/**
 * Line mode's stderr sentences about history: what the backfill brought, whether a gap was filled,
 * that history is off for the store. The TUI says the same things as marker rows (`store`).
 */
import { sanitizeOneLine } from "../model/sanitize.js";
import type { Gap } from "../model/types.js";
import type { HistoryNote } from "../stream/history-feed.js";
import { durationWords, entryCount } from "../util/duration-words.js";

function window(gap: Gap): string {
	return `${new Date(gap.start).toISOString()} to ${new Date(gap.end).toISOString()}`;
}

/** The line for a gap when history will fill it (the entries follow, then `describeHistoryNote`). */
export function describeGapToFill(label: string, gap: Gap): string {
	return `bctail: ${label}: disconnected for ${((gap.end - gap.start) / 1000).toFixed(1)} s (${sanitizeOneLine(gap.cause)}); reading what was missed from history`;
}

/** The stderr line for a history note. */
export function describeHistoryNote(label: string, note: HistoryNote): string {
	switch (note.kind) {
		case "live-from":
			return `bctail: ${label}: ${entryCount(note.entries)} from the last ${durationWords(note.sinceMs)}; live from ${new Date(note.at).toISOString()}`;
		case "filled":
			return note.gap.cause === "closed"
				? `bctail: ${label}: ${entryCount(note.entries)} from while it was closed`
				: `bctail: ${label}: gap ${window(note.gap)} filled: ${entryCount(note.entries)} from history`;
		case "not-filled":
			return `bctail: ${label}: gap ${window(note.gap)} not filled: ${note.reason}`;
		case "seam":
			return `bctail: ${label}: ${entryCount(note.entries)} emitted between two streams, recovered from history`;
		case "off":
			return `bctail: ${label}: history off (the live tail goes on): ${note.reason}`;
		case "failed":
			return `bctail: ${label}: could not load history (the live tail goes on): ${note.reason}`;
	}
}
