/**
 * The contract of the history feed (`history-feed.ts`): what it tells its sink besides events, how it
 * is set up, and what a scroll-back or a jump to a time brings back to the caller.
 */
import type { Gap, TailEvent, TailSink } from "../model/types.js";
import type { Clock } from "../util/clock.js";
import type { HistoryClientOptions, HistoryFilters } from "./history-client.js";
import type { TailTarget } from "./tail-types.js";

/** What the feed tells the sink about history, besides the events themselves. */
export type HistoryNote =
	/** The backfill is in: `entries` from history, live events follow from `at`. */
	| { readonly kind: "live-from"; readonly at: number; readonly entries: number; readonly sinceMs: number }
	/** A gap's window was read: `entries` were missed by the stream and are now shown. */
	| { readonly kind: "filled"; readonly gap: Gap; readonly entries: number }
	| { readonly kind: "not-filled"; readonly gap: Gap; readonly reason: string }
	/** Entries of a routine stream rotation's instant that only the history had. */
	| { readonly kind: "seam"; readonly at: number; readonly entries: number }
	/** History is not available for this project (403); said once. */
	| { readonly kind: "off"; readonly reason: string }
	/** The backfill failed (the live tail goes on). */
	| { readonly kind: "failed"; readonly reason: string };

/** A sink that can also show history notes (both the store and line mode do). */
export interface HistorySink extends TailSink {
	historyNote?(projectUuid: string, note: HistoryNote): void;
}

export interface HistoryFeedOptions {
	readonly target: TailTarget;
	readonly sink: HistorySink;
	/** How much past a project opens with (0: none). */
	readonly sinceMs: number;
	/** Fill the window of every gap a stream records (default true). */
	readonly fillGaps?: boolean;
	/**
	 * Also read the instant of every routine stream rotation (one small request a minute per
	 * project; default true): events the server emitted while no stream was open are found there.
	 */
	readonly fillSeams?: boolean;
	readonly clock?: Clock;
	readonly history?: HistoryClientOptions;
	/** Entries per page (default 500). */
	readonly pageSize?: number;
	/** A gap's window is widened by this much on both sides (default 2,000 ms): clocks differ. */
	readonly gapMarginMs?: number;
	/** Wait this long after a stream is back before reading its gap (default 2,000 ms): history lags. */
	readonly fillDelayMs?: number;
	/** Live events held during a load, at most; past it they are let through (default 50,000). */
	readonly maxHeld?: number;
	/** How long live events are held at most, whatever the load does (default 30,000 ms). */
	readonly maxHoldMs?: number;
}

/** Why nothing was read: history is off for the store (403) or the project is not open, or a failure. */
export type ReadRefusal =
	| { readonly kind: "off"; readonly reason: string }
	| { readonly kind: "failed"; readonly reason: string };

/** What a read brought: `events` oldest first, `more` when older ones exist, and what else it says. */
type Brought<Facts> =
	| ({ readonly kind: "events"; readonly events: readonly TailEvent[]; readonly more: boolean } & Facts)
	| ReadRefusal;

/** What `loadOlder` brought: a page before the pane's oldest row. */
export type OlderResult = Brought<Record<never, never>>;

/** What `loadAround` brought: a window of history around a time. */
export type AroundResult = Brought<{
	/** Every entry up to `untilMs` was read: the window joins what the pane holds after it. */
	readonly reached: boolean;
	/** The window covers everything up to this instant (ms); `untilMs` when `reached`. */
	readonly throughMs: number;
}>;

/** What `loadFiltered` brought: one step back through history with server-side filters. */
export type FilteredResult = Brought<{
	/** The step read everything from this instant (ms) up to the `beforeMs` asked for. */
	readonly fromMs: number;
	/** The step went on from the one before it (same filters, from where it ended). */
	readonly continued: boolean;
}>;

export interface HistoryFeed extends TailSink {
	/** A project was opened: starts its backfill. */
	open(projectUuid: string): void;
	/** A project was closed: its loads stop and nothing more is delivered for it. */
	close(projectUuid: string): void;
	/** Stops every load. */
	stopAll(): void;
	/**
	 * One page of what came before `beforeMs` (the time of the pane's oldest row), for scrolling back:
	 * newest first on the wire, handed back oldest first, without what the pane already showed. Not
	 * given to the sink: the caller puts the events in front of the pane.
	 */
	loadOlder(projectUuid: string, beforeMs: number): Promise<OlderResult>;
	/**
	 * A window around `atMs` ("go to a time"): the page before it and a page or two from it on,
	 * up to `untilMs` at most (the time of the pane's oldest row, or now), without what the pane
	 * already showed. Not given to the sink: the caller places it.
	 */
	loadAround(projectUuid: string, atMs: number, untilMs: number): Promise<AroundResult>;
	/**
	 * One page of the entries the server-side `filters` match before `beforeMs`, back to seven days
	 * ago, without what the pane already showed ("search older history" in filter mode). Not given to
	 * the sink: the caller puts the events in front of the pane.
	 */
	loadFiltered(projectUuid: string, filters: HistoryFilters, beforeMs: number): Promise<FilteredResult>;
	/** Resolves when no load is running for the project (or for any, without one). */
	idle(projectUuid?: string): Promise<void>;
}
