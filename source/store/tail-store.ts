/**
 * What the UI and the CLI wiring may call on the shared store (`store.ts`): the `TailSink` the
 * streams report to, the snapshot for `useSyncExternalStore`, and every action. Part of the contract
 * in `types.ts` (which re-exports it).
 */
import type { ProjectInfo, TailEvent, TailSink } from "../model/types.js";
import type { HistoryNote } from "../stream/history-feed.js";
import type { ShownEvents } from "./export-view.js";
import type { ServerFilters } from "./history-filters.js";
import type { ProblemReport } from "./problem-groups.js";
import type { QuickFilterKind } from "./quick-filters.js";
import type { JumpPlan, TimeWindow } from "./time-jumps.js";
import type { Entry, OlderState, SearchMode, SearchScope, StoreSnapshot } from "./types.js";

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
	 * When the pane (default: the focused one) filters — the global search in filter mode, its own
	 * filter, or both — what of that the history endpoint can apply itself (see `history-filters.ts`;
	 * the rest is applied locally); null when the pane does not filter.
	 */
	olderSearch(paneId?: string): ServerFilters | null;
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
	/** One row per request in the focused pane, on / off (`PaneSnapshot.compact`). */
	toggleCompact(): void;
	/** Wrapping long rows in the focused pane, on / off (`PaneSnapshot.wrap`). */
	toggleWrap(): void;
	/**
	 * Scrolls the focused pane's rows sideways by `steps` of 10 columns (negative: left; 0: back to
	 * the start); a wrapped pane says it does not scroll.
	 */
	scrollSideways(steps: number): void;

	// --- search ---
	setSearch(query: string, options?: { mode?: SearchMode; scope?: SearchScope }): void;
	/** Clears the typed query and the quick filters. */
	clearSearch(): void;
	/**
	 * Sets a pane's own filter (`F`; "" clears it): the same query language as the search, always
	 * filtering that pane only; the global search (and its quick filters) apply within it (AND).
	 */
	setPaneFilter(paneId: string, query: string): void;
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
	/**
	 * The events behind the rows a pane shows (filtered or whole, up to a pause), oldest first, each
	 * once: what `s` exports. Null for no such pane.
	 */
	eventsShown(paneId: string): ShownEvents | null;
	/**
	 * The problems view's report over what the buffers hold (live and history rows; the search does not
	 * apply): exceptions grouped by fingerprint and the top 5xx routes, of one pane or (null) of all.
	 */
	problems(paneId: string | null): ProblemReport;
}
