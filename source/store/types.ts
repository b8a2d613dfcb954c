/**
 * The contract between the shared store (`source/store`) and everything that reads it (the Ink UI,
 * tests). Framework-free: no React here. The store publishes an immutable `StoreSnapshot` at most once
 * per frame interval; the UI renders snapshots and calls actions; it never touches buffers directly.
 */
import type { ConnectionStatus, Gap, TailEvent } from "../model/types.js";

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
	/**
	 * One row per request, searching: the entry of the event whose message the row shows (the first
	 * that matched) when it is not `entry`; `ranges` are then of its text. Absent otherwise.
	 */
	readonly shown?: Entry;
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
	/** Entries hidden by what the pane shows (the search in filter mode, its own filter); otherwise 0. */
	readonly hidden: number;
	/** The pane's own filter (`F`), as typed, with its parse error; null when it has none. */
	readonly filter: PaneFilterSnapshot | null;
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
	/** Events that arrived since the pause (`pausedNew` counts their rows). */
	readonly pausedNewEvents: number;
	/** The entries of the `newBelow` rows (more than `newBelow` when a row is an event). */
	readonly newBelowRows: number;
	/** One row per request (`v`): `rows` are the first entry of each event; counts are events. */
	readonly compact: boolean;
	/** Long rows wrap onto following lines (`W`) instead of being cut. */
	readonly wrap: boolean;
	/** Columns the rows are scrolled sideways (←/→); 0 while wrapping. */
	readonly offset: number;
	/** In filter mode: events hidden by the filter (= `hidden` when rows are entries); otherwise 0. */
	readonly hiddenEvents: number;
}

/** A pane's own filter as its header shows it (`F: path:/checkout`). */
export interface PaneFilterSnapshot {
	readonly query: string;
	/** A malformed token of the query (the rest still filters). */
	readonly error: string | null;
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

export type { TailStore } from "./tail-store.js";
