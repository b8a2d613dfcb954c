/**
 * The words of the marker rows history adds to a pane (see `stream/history-feed.ts`): where live
 * begins after the backfill, what filled a gap, history being off. Null: the note shows no row (a
 * rotation's seam recovered a few entries: they simply appear).
 */
import type { HistoryNote } from "../stream/history-feed.js";
import { durationWords, entryCount } from "../util/duration-words.js";

/** The row's text and time for a note, or null for none. */
export function historyMark(
	note: HistoryNote,
	now: number,
): { readonly text: string; readonly time: number } | null {
	switch (note.kind) {
		case "live-from":
			return {
				text: `live from here · above: ${entryCount(note.entries)} of the last ${durationWords(note.sinceMs)} from history`,
				time: note.at,
			};
		case "filled":
			return {
				text:
					note.gap.cause === "closed"
						? `filled: ${entryCount(note.entries)} from while the pane was closed`
						: `filled: ${entryCount(note.entries)} from history`,
				time: note.gap.end,
			};
		case "not-filled":
			return { text: `not filled: ${note.reason}`, time: note.gap.end };
		case "off":
			return { text: `history off: ${note.reason}`, time: now };
		case "failed":
			return { text: `history not loaded: ${note.reason}`, time: now };
		case "seam":
			return null;
	}
}
