/**
 * One row per request, for a pane: its event rows (`event-rows.ts`) kept in step with its buffer or
 * its search's matches, and frozen rows collapsed to one per event.
 */
import type { EventRows } from "./event-rows.js";
import type { PaneSearch } from "./pane-state.js";
import type { PaneViewState } from "./pane-view-state.js";
import type { Entry } from "./types.js";

/**
 * The pane's event rows brought up to date: over the buffer, or (`matched`) over the search's
 * matches, whose identity is the search's (a new search indexes its matches afresh).
 */
export function syncEvents(pane: PaneViewState, matched: PaneSearch | null): EventRows {
	const ring = pane.log.ring;
	const groupOf = (abs: number): unknown => {
		const entry = ring.at(abs);
		return entry?.event ?? entry;
	};
	if (matched !== null) {
		// The matches of what the pane shows: the global search's in filter mode, else its own filter's.
		pane.matchedEvents.sync(matched.matches, matched.matches, groupOf);
		return pane.matchedEvents;
	}
	const start = ring.start;
	const n = ring.size;
	const all = {
		length: n,
		at: (rank: number) => start + rank,
		lowerBound: (abs: number) => Math.min(n, Math.max(0, abs - start)),
	};
	pane.events.sync(all, ring, groupOf);
	return pane.events;
}

/** Frozen rows of one event (consecutive) collapsed into the first: a pane paused, then made compact. */
export function oneRowPerEvent(view: { entries: readonly Entry[]; abs: readonly number[] }): {
	entries: readonly Entry[];
	abs: readonly number[];
} {
	const entries: Entry[] = [];
	const abs: number[] = [];
	view.entries.forEach((entry, i) => {
		const previous = entries[entries.length - 1];
		if (previous !== undefined && entry.event !== null && previous.event === entry.event) return;
		entries.push(entry);
		abs.push(view.abs[i] as number);
	});
	return entries.length === view.entries.length ? view : { entries, abs };
}
