/**
 * The contract between the shared store (`source/store`) and everything that reads it (the Ink UI,
 * tests). Framework-free: no React here. The store publishes an immutable `StoreSnapshot` at most once
 * per frame interval; the UI renders snapshots and calls actions; it never touches buffers directly.
 */
import type { ConnectionStatus, Gap, ProjectInfo, TailEvent, TailSink } from "../model/types.js";
import type { HistoryNote } from "../stream/history-feed.js";
import type { ServerFilters } from "./history-filters.js";
import type { QuickFilterKind } from "./quick-filters.js";
import type { JumpPlan, TimeWindow } from "./time-jumps.js";

export type EntryKind = "request" | "log" | "exception" | "gap";

/** One displayable row of a pane. */
export interface Entry {
	/**
	 * Unique store-wide; within a pane it ascends top to bottom: arrivals count up from 0, rows of
	 * older history put in front (`prependOlder`) count down below every `seq` given so far (negative).
	 */
	readonly seq: number;
	readonly kind: EntryKind;
	/** The event this row belongs to (null for a gap marker). */
	readonly event: TailEvent | null;
	/** For `log` and `exception`: the index in `event.logs` / `event.exceptions`; otherwise -1. */
	readonly index: number;
	/** Ms since the epoch: the log's/exception's own time, else the event's. */
	readonly time: number;
	/** `log`: its level; `exception`: "error"; `request`: "" ; `gap`: "". */
	readonly level: string;
	/**
	 * The row's message on one line (sanitized, newlines shown as ⏎): the log text, `Name: message`
	 * for an exception, "" for a bare request, `disconnected 12.4 s: 503` for a gap.
	 */
	readonly text: string;
	/** Only for gap rows. */
	readonly gap?: Gap;
}

/** A [start, end) character range of `Entry.text` that matched the search. */
export type MatchRange = readonly [number, number];

export interface RowView {
	readonly entry: Entry;
	/** This row is the pane's cursor row (only drawn as such when the pane is focused). */
	readonly cursor: boolean;
	/** A search is active and this row matches it. */
	readonly match: boolean;
	/** Ranges of `entry.text` to highlight (empty when none or no search). */
	readonly ranges: readonly MatchRange[];
	/** Ranges of the request path to highlight (literal search; absent or empty when none). */
	readonly pathRanges?: readonly MatchRange[];
}

export interface PaneTotals {
	readonly events: number;
	/** Requests with status >= 500. */
	readonly serverErrors: number;
	readonly exceptions: number;
}

/**
 * Loading older history into a pane ("scroll back without end"): `idle` (more may be loaded),
 * `loading` (a page is on its way: the UI may draw a "loading older…" row at the top), `exhausted`
 * (nothing older exists, or the pane is full: `prependOlder` took fewer than given), `off` (history is
 * off for this project: the header may say so).
 */
export type OlderState = "idle" | "loading" | "exhausted" | "off";

export interface PaneSnapshot {
	/** The project UUID. */
	readonly id: string;
	/**
	 * The project's name when known, else the shortest UUID prefix that differs among the open panes
	 * (`short-ids.ts`).
	 */
	readonly title: string;
	/** The pane shows a recording (`bctail replay`): its header says "replay", not a connection state. */
	readonly replay: boolean;
	/** Changes whenever anything in this snapshot changes: memoize panes on it. */
	readonly version: number;
	readonly status: ConnectionStatus;
	/** The visible window, top to bottom, at most the viewport height set with `setViewport`. */
	readonly rows: readonly RowView[];
	/** The view follows the newest entry. */
	readonly follow: boolean;
	/** Entries that arrived below an anchored (not following) view. */
	readonly newBelow: number;
	readonly paused: boolean;
	/** Entries that arrived since the pause. */
	readonly pausedNew: number;
	/** Entries evicted so far (by the scrollback capacity, or early by the memory budget). */
	readonly evicted: number;
	/** Of `evicted`, those dropped early to keep within the memory budget (`--memory`). */
	readonly evictedForMemory: number;
	/** Entries in the buffer. */
	readonly size: number;
	/** In filter mode: entries hidden by the filter; otherwise 0. */
	readonly hidden: number;
	/** Events per second for the last 60 s, oldest first (60 numbers). */
	readonly rate: readonly number[];
	readonly totals: PaneTotals;
	/** Exception rows in the buffer (what `[` / `]` step through). */
	readonly exceptionsHeld: number;
	/** Exception rows evicted so far: an exception's position is its ordinal minus these, plus one. */
	readonly exceptionsEvicted: number;
	/** Where loading older history stands (`setOlderState`). */
	readonly olderState: OlderState;
	/**
	 * The time "go to a time" sent the pane to (`seconds`: it was asked to the second), while the
	 * pane does not follow; null otherwise.
	 */
	readonly at: { readonly ms: number; readonly seconds: boolean } | null;
}

export type SearchMode = "find" | "filter";
export type SearchScope = "pane" | "all";
/** `auto` is columns on a wide screen and rows below `autoRowsBelow` columns (see `ui/layout.ts`). */
export type LayoutMode = "auto" | "columns" | "rows" | "grid";
export type TimeFormat = "local" | "utc" | "relative";

export interface SearchSnapshot {
	readonly query: string;
	/** The query is fuzzy (`~` prefix, fuse.js); otherwise its text is a literal substring. */
	readonly fuzzy: boolean;
	/** The quick filters that are on, as status bar chips (`5xx`, `errors`, `route /checkout`). */
	readonly chips: readonly string[];
	readonly mode: SearchMode;
	readonly scope: SearchScope;
	/** 1-based index of the current match among `matchCount`, 0 when none is selected. */
	readonly matchIndex: number;
	readonly matchCount: number;
	/** The search is still running over the older entries (results arrive progressively). */
	readonly pending: boolean;
	/** A query that could not be parsed (the text is shown, not thrown). */
	readonly error: string | null;
}

export interface StoreSnapshot {
	/** Changes on every publish that changed anything. */
	readonly version: number;
	readonly panes: readonly PaneSnapshot[];
	/** Index of the focused pane in `panes` (0 when there are none). */
	readonly focus: number;
	readonly search: SearchSnapshot | null;
	readonly layout: LayoutMode;
	readonly zoom: boolean;
	readonly timeFormat: TimeFormat;
	/** A transient message for the status bar ("copied event", a --save error), or null. */
	readonly notice: string | null;
	/** The store clock's time at publish (for relative times and "reconnecting · 4s"). */
	readonly now: number;
}

export interface StoreOptions {
	/** Entries kept per project (default 20,000). */
	readonly scrollback?: number;
	/** Publish at most once per this many ms (default 50); costly frames stretch it (frame-scheduler.ts). */
	readonly frameIntervalMs?: number;
	/**
	 * The thread's cumulative busy time in ms, so frames do not outweigh the work they show (default:
	 * event-loop utilization on the system clock, none on an injected one).
	 */
	readonly busyMs?: () => number;
	readonly clock?: import("../util/clock.js").Clock;
	/**
	 * Runs the next slice of a background search (default `setImmediate`). Not the frame clock: slices
	 * must yield to I/O, not wait for time. Tests inject a queue they drain by hand.
	 */
	readonly schedule?: (callback: () => void) => void;
	/** Longest synchronous search slice in ms (default 6). */
	readonly searchSliceMs?: number;
	/**
	 * What all panes' entries may cost together, in bytes (default: no limit beyond `scrollback`);
	 * past it the oldest entries of the largest pane go first (see `LogModel.shed`).
	 */
	readonly memoryBytes?: number;
	/**
	 * The store shows a recording (`bctail replay`): panes say "replay" instead of a connection state,
	 * and their sparklines count events by event time (ending at the newest event), not load time.
	 */
	readonly replay?: boolean;
}

/** What the UI and the CLI wiring may call. Every action takes effect on the next publish. */
export interface TailStore extends TailSink {
	/** History news for a pane (a marker row; a notice when history is off). */
	historyNote(projectUuid: string, note: HistoryNote): void;
	// --- useSyncExternalStore ---
	subscribe(listener: () => void): () => void;
	getSnapshot(): StoreSnapshot;
	/** Publishes now if anything changed (tests, and the UI after a key for instant feedback). */
	flush(): void;
	/** The renderer wrote the frame published last (Ink's onRender): its cost paces later frames. */
	frameDrawn(): void;
	/** Stops the publish timer. */
	dispose(): void;

	// --- projects ---
	/** Opens a project's pane; a closed one comes back as it was (events, exceptions, cursor) and is focused. */
	addProject(uuid: string, name?: string): void;
	/** Closes a project's pane, keeping its buffer aside (see `closedProjects`). */
	removeProject(uuid: string): void;
	/** Closed panes that `addProject` brings back as they were, most recently closed last. */
	closedProjects(): readonly ProjectInfo[];
	setProjectNames(projects: readonly ProjectInfo[]): void;
	/** Loads an event as if it had just arrived (replay). */
	ingest(event: TailEvent): void;
	/**
	 * Puts older events (from the history API) above what the pane holds: `events` are oldest first
	 * and all older than the pane's oldest row; their rows go in front of its first row, in order.
	 * The view does not move (the rows under the cursor and at the top stay where they are on screen;
	 * a paused pane stays paused on its frozen rows; a following pane still follows). The exception
	 * index, an active search (the new rows are matched at once, a large batch partly by the
	 * background scan), counters and memory accounting include them; the rate sparkline does not.
	 *
	 * Capacity rule: nothing already held is dropped. Whole events are taken newest first (the ones
	 * nearest the pane's oldest row) while all their rows fit in the pane's free scrollback capacity
	 * and their bytes within the memory budget; the first that does not fit stops it. So the events
	 * taken are always the newest `n` of `events`, and `n < events.length` means the pane is full:
	 * the loader stops asking for older pages. A removed project takes nothing; a missing pane is
	 * created.
	 * @returns how many events were taken (`n`: the last `n` of `events`)
	 */
	prependOlder(projectUuid: string, events: readonly TailEvent[]): number;
	/** Sets where loading older history stands for a pane (shown as `PaneSnapshot.olderState`). */
	setOlderState(projectUuid: string, state: OlderState): void;
	/**
	 * The time (`event.time`) of the event of the pane's oldest row that belongs to an event (marker
	 * and gap rows are skipped), or null when the pane holds none: what older history ends before.
	 */
	oldestTime(projectUuid: string): number | null;
	/**
	 * What going to `atMs` in a pane needs first: nothing (the pane holds that time), or a window of
	 * history up to `untilMs` (its oldest row). A time in the stretch a window placed earlier left out
	 * (see `placeTimeWindow`) drops that window first.
	 */
	planTimeJump(paneId: string, atMs: number): JumpPlan;
	/**
	 * Puts a window of history (oldest first, all older than the pane's oldest row) in front of the
	 * pane; when it does not reach that row, a marker row between says what is not loaded. A full pane
	 * drops its oldest rows to make room (the scrollback cap holds).
	 * @returns how many of the window's events were taken
	 */
	placeTimeWindow(paneId: string, window: TimeWindow): number;
	/**
	 * In filter mode, what of the search the history endpoint can apply itself (see
	 * `history-filters.ts`); null when the search does not filter.
	 */
	olderSearch(): ServerFilters | null;
	/**
	 * Puts the matches of a filtered search of older history (oldest first, all older than the
	 * pane's oldest row) in front of the pane; `mark`, when given, is a marker row between them and
	 * the rows after it (the first step of a search says what the rows above it are). Takes what fits
	 * (`prependOlder`'s rule).
	 * @returns how many events were taken
	 */
	placeFilteredOlder(paneId: string, events: readonly TailEvent[], mark: string | null): number;
	/**
	 * Shows the pane at `atMs`: the cursor on its first row shown at or after it (the last row when
	 * none is), out of follow mode (and out of a pause); the header says `at 14:05` until it follows
	 * again. `seconds`: the time was asked to the second.
	 * @returns whether a row at or after `atMs` was found
	 */
	goToTime(paneId: string, atMs: number, seconds?: boolean): boolean;
	/**
	 * Memory is running out: drops the oldest half of every pane's scrollback (as the capacity would,
	 * only sooner) so the process lives on. Returns how many entries went.
	 */
	shedScrollback(): number;

	// --- view ---
	/** How many body rows the pane shows (the UI measures it). */
	setViewport(paneId: string, height: number): void;
	focusPane(index: number): void;
	focusNext(): void;
	focusPrevious(): void;
	/** Moves the focused pane's cursor; any upward move leaves follow mode. */
	moveCursor(delta: number): void;
	/** `fraction` 1 = a page, 0.5 = half a page; direction -1 up, +1 down. */
	page(direction: -1 | 1, fraction: number): void;
	toTop(): void;
	/** Bottom of the focused pane; resumes follow mode. */
	toBottom(): void;
	togglePause(paneId?: string): void;
	togglePauseAll(): void;
	cycleLayout(): void;
	toggleZoom(): void;
	cycleTimeFormat(): void;
	setNotice(text: string, ms?: number): void;

	// --- search ---
	setSearch(query: string, options?: { mode?: SearchMode; scope?: SearchScope }): void;
	/** Clears the typed query and the quick filters. */
	clearSearch(): void;
	/**
	 * Toggles a quick filter, combined with the typed query: only 5xx, only errors and exceptions, only
	 * the route of the row under the focused pane's cursor (a notice when that row has none).
	 */
	toggleQuickFilter(kind: QuickFilterKind): void;
	toggleFilterMode(): void;
	nextMatch(): void;
	previousMatch(): void;

	// --- exceptions and selection ---
	nextException(): void;
	previousException(): void;
	/** The entry under the focused pane's cursor. */
	selectedEntry(): Entry | null;
	/** The exception entries of a pane, oldest first (for the overlay's [ and ]). */
	exceptionsOf(paneId: string): readonly Entry[];
	/**
	 * In filter mode, the exception entries of a pane that the filter shows, oldest first (what `x`,
	 * `[` and `]` go through then); null when the pane is not filtered (every exception is shown).
	 */
	exceptionsShown(paneId: string): readonly Entry[] | null;
}
