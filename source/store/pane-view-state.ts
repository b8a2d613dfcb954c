/**
 * How one project's pane is viewed: its height, whether it follows the newest row, its cursor and top,
 * its pause (with the rows frozen on screen), and what was last published for it. Kept beside the log
 * model's `PaneState`, which knows nothing of it. (Named apart from the UI's `PaneView` component.)
 */
import { EventRows } from "./event-rows.js";
import type { PaneState } from "./pane-state.js";
import type { CompiledQuery } from "./search.js";
import type { Entry, PaneSnapshot, RowView } from "./types.js";

/** What a paused pane shows: the window as last published, held by reference (even if evicted). */
export interface Frozen {
	readonly entries: readonly Entry[];
	readonly abs: readonly number[];
	/** Index into `entries` of the cursor row. */
	cursor: number;
	/**
	 * The query whose matches the entries are (frozen while the pane filtered: by the global search in
	 * filter mode or the pane's own filter); null when they are every row. When what the pane shows
	 * changes, `refreezeFrozen` builds them again.
	 */
	readonly filteredBy: CompiledQuery | null;
}

/** The view of one pane. `cursor`, `top` and `anchorEnd` are absolute indices (when not following). */
export class PaneViewState {
	/** The project's log: buffer, counters, search results. */
	readonly log: PaneState;
	height = 0;
	follow = true;
	cursor = 0;
	top = 0;
	/** `ring.end` when the view was anchored: rows from here on are "new below". */
	anchorEnd = 0;
	paused = false;
	/** `ring.end` when paused: arrivals since = ring.end - pausedAtEnd (evicted ones included). */
	pausedAtEnd = 0;
	frozen: Frozen | null = null;
	/** Where "go to a time" sent the view (shown in the header until it follows again). */
	at: { readonly ms: number; readonly seconds: boolean } | null = null;
	/** `log.events` when paused: the events since, beside the rows since. */
	pausedAtEvents = 0;

	// Density (`v`, `W`, ←/→): how the rows are drawn, per pane.
	/** One row per request: the sequence is the events (`event-rows.ts`), not the entries. */
	compact = false;
	/** Long rows wrap onto following lines instead of being cut. */
	wrap = false;
	/** Columns scrolled sideways (not wrapping). */
	offset = 0;
	/** The events among the buffer's entries, and among the search's matches (compact mode). */
	readonly events = new EventRows();
	readonly matchedEvents = new EventRows();

	// Publishing.
	dirty = true;
	version = 0;
	snapshot: PaneSnapshot | null = null;
	/** The rows last published, their absolute indices, and the search generation they were built for. */
	rows: readonly RowView[] = [];
	rowsAbs: readonly number[] = [];
	rowsKey = -1;

	constructor(log: PaneState) {
		this.log = log;
	}
}
