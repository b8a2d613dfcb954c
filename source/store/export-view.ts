/**
 * What `s` exports: the events behind the rows a pane shows under the current search (its filter and
 * quick filters in filter mode, else every held row), oldest first, each event once (a request's
 * rows share one event) and no outage or marker rows. A paused pane stops where it was paused: rows
 * that arrived since are held but not shown. Reading it costs O(rows shown); the formatting and the
 * writing are the caller's, in slices (`output/export-file.ts`).
 */
import type { TailEvent } from "../model/types.js";
import { scanPending } from "./pane-search.js";
import type { PaneViewState } from "./pane-view-state.js";
import { sequence } from "./pane-window.js";
import type { SearchSession } from "./search-session.js";

/** The events a pane shows, for an export. */
export interface ShownEvents {
	/** The project's name, else its UUID (what the export's file is named after). */
	readonly project: string;
	readonly events: readonly TailEvent[];
	/** Whether the rows were filtered by the search (false: the whole buffer). */
	readonly filtered: boolean;
	/** False while the search is still scanning older rows: only the matches found so far are in. */
	readonly complete: boolean;
}

/** The events behind the rows `view` shows now (see the module comment). */
export function shownEvents(view: PaneViewState, search: SearchSession): ShownEvents {
	const pane = view.log;
	const seq = sequence(view, search);
	const filtered = search.filtering(pane);
	const end = view.paused ? view.pausedAtEnd : Number.POSITIVE_INFINITY;
	const events: TailEvent[] = [];
	const seen = new Set<TailEvent>();
	for (let rank = 0; rank < seq.length; rank++) {
		const abs = seq.absAt(rank);
		if (abs >= end) break;
		const event = pane.ring.at(abs)?.event;
		if (event === null || event === undefined || seen.has(event)) continue;
		seen.add(event);
		events.push(event);
	}
	return {
		project: pane.name ?? pane.id,
		events,
		filtered,
		complete: !filtered || !scanPending(pane),
	};
}
