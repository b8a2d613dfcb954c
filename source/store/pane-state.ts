/**
 * The log model's state of one project: its buffer, counters, exception index and search results.
 * How it is viewed (window, cursor, pause) is `PaneViewState`'s. Only the store's modules touch it;
 * readers get immutable `PaneSnapshot`s.
 */
import type { ConnectionStatus } from "../model/types.js";
import { SecondHistory } from "./history.js";
import { IndexList } from "./index-list.js";
import type { ParsedQuery } from "./query.js";
import { RingBuffer } from "./ring-buffer.js";
import type { CompiledQuery } from "./search.js";
import type { Entry, OlderState, PaneTotals } from "./types.js";

/** One pane's share of a search: the global one (combined with the pane's own filter) or its own filter. */
export interface PaneSearch {
	/** What this share matches with (a share of the global search ANDs the pane's own filter in). */
	readonly compiled: CompiledQuery;
	/** Ascending absolute indices of the matching entries found so far. */
	readonly matches: IndexList;
	/** False when `project:` tokens exclude this pane: it matches nothing and is not scanned. */
	readonly eligible: boolean;
	/**
	 * The next absolute index the background scan examines (it goes down); done when < ring.start.
	 * Rows put in front later (`prependOlder`) lie below it: the scan goes on over them.
	 */
	scanNext: number;
	/** The first absolute index not yet matched as a live arrival. */
	liveFrom: number;
}

/** A pane's own filter (`F`): the query as typed, and its share when it compiles to something. */
export interface OwnFilter {
	readonly query: string;
	readonly parsed: ParsedQuery;
	/** null when the query has nothing to match (a parse error): the pane then shows everything. */
	readonly share: PaneSearch | null;
}

/** One project's buffer, counters and share of the search: nothing about how it is viewed. */
export class PaneState {
	readonly id: string;
	name: string | undefined;
	readonly ring: RingBuffer<Entry>;
	status: ConnectionStatus;

	// Counters (turned into a PaneTotals object only when they changed since the last publish).
	events = 0;
	serverErrors = 0;
	exceptions = 0;
	totals: PaneTotals = { events: 0, serverErrors: 0, exceptions: 0 };
	/** Events per second, for the rate sparkline. */
	readonly eventHistory = new SecondHistory();
	/** Exception rows ever appended (held and evicted). */
	exceptionRows = 0;
	/** Ascending absolute indices of the exception rows. */
	readonly exceptionIndex = new IndexList();

	/** The pane's share of the global search (its own filter ANDed in), or null when it does not reach it. */
	search: PaneSearch | null = null;
	/** The pane's own filter (`F`): only its matches are shown, whatever the global search. */
	own: OwnFilter | null = null;

	/** What the held entries cost, roughly (`entryBytes`). */
	bytes = 0;
	/** Entries dropped early to stay within the memory budget. */
	evictedForMemory = 0;
	/** Where loading older history for this pane stands (set by the loader, shown by the UI). */
	olderState: OlderState = "idle";

	constructor(id: string, name: string | undefined, capacity: number, status: ConnectionStatus) {
		this.id = id;
		this.name = name;
		this.ring = new RingBuffer<Entry>(capacity);
		this.status = status;
	}

	/**
	 * The shortest UUID prefix that tells this pane from the others open (`short-ids.ts`), set by the
	 * snapshot builder; the title when there is no name.
	 */
	label: string | undefined;

	get title(): string {
		return this.name ?? this.label ?? this.id.slice(0, 8);
	}

	/** Drops indices of evicted entries from the exception index and the search and filter matches. */
	prune(): void {
		const start = this.ring.start;
		this.exceptionIndex.dropBelow(start);
		this.search?.matches.dropBelow(start);
		this.own?.share?.matches.dropBelow(start);
	}

	/** The totals object, replaced only when a counter changed (so unchanged totals keep identity). */
	currentTotals(): PaneTotals {
		const t = this.totals;
		if (
			t.events !== this.events ||
			t.serverErrors !== this.serverErrors ||
			t.exceptions !== this.exceptions
		) {
			this.totals = { events: this.events, serverErrors: this.serverErrors, exceptions: this.exceptions };
		}
		return this.totals;
	}
}
