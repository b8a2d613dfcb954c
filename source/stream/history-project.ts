/**
 * One project's part of the history feed: its client, its ledger (what either source showed), the
 * live events held while a load runs, the windows read. And what every read of it shares: read ids
 * for the ledger, raw entries turned into the events a pane shows, failures turned into notes.
 */
import type { EntryLedger } from "../model/entry-ledger.js";
import { type HistoryEntry, parseHistoryEntry } from "../model/history-entry.js";
import { groupHistoryEntries } from "../model/history-group.js";
import type { TailEvent } from "../model/types.js";
import type { Clock, TimerHandle } from "../util/clock.js";
import { ApiError } from "./api-errors.js";
import type { HistoryClient, HistoryPageRequest } from "./history-client.js";
import type { HistorySink } from "./history-feed-types.js";
import { lateSlackMs, maxReads, RecentLive, recentLiveEvents } from "./history-recent.js";
import { wait } from "./json-request.js";

export interface ProjectState {
	readonly uuid: string;
	readonly client: HistoryClient;
	readonly ledger: EntryLedger;
	readonly controller: AbortController;
	/** Live events waiting for a load to end, or null when none waits. */
	held: HeldEvent[] | null;
	holdTimer: TimerHandle | null;
	loads: number;
	off: boolean;
	/** Loads of this project, one after another (the client keeps one request in flight anyway). */
	chain: Promise<void>;
	/** The windows read so far (the last few, newest last): live events inside one may be in history too. */
	readonly reads: [start: number, end: number][];
	/** The latest live events not (yet) given to the ledger, for a load that reaches back over them. */
	readonly recent: RecentLive;
	/** Where the last step back (a scroll-back page, a filtered search) stopped, to go on from its cursor. */
	readonly walks: { older: BackWalk | null; filtered: BackWalk | null };
}

/**
 * A live event waiting for a load to end. One inside a claimed window was given to the ledger as it
 * arrived (`shown`: whether it is to be shown), before the read that would otherwise show its
 * entries from history first; `shown` is null for one the ledger has not seen yet.
 */
export interface HeldEvent {
	readonly event: TailEvent;
	readonly shown: boolean | null;
}

/**
 * A walk back through history under way: its window and filters (a cursor is valid only for the
 * same ones) and the cursor of the next older page. Going on from the cursor, not from the oldest
 * time shown, keeps the entries of that one millisecond exactly once, also where the ledger no longer
 * remembers them (past its horizon).
 */
export interface BackWalk {
	/** The filters and window, as one key. */
	readonly key: string;
	readonly request: HistoryPageRequest;
	readonly cursor: string;
	/** The time the next step is asked from when it goes on (the oldest entry this step brought). */
	readonly nextBeforeMs: number;
	/**
	 * The oldest raw entries of the last page, held back (oldest first): the rest of their
	 * invocation may be on the next page, and they are grouped with it there.
	 */
	readonly carry: readonly unknown[];
}

/** A project's state as it opens. */
export function projectState(uuid: string, client: HistoryClient, ledger: EntryLedger): ProjectState {
	return {
		uuid,
		client,
		ledger,
		controller: new AbortController(),
		held: null,
		holdTimer: null,
		loads: 0,
		off: false,
		chain: Promise.resolve(),
		reads: [],
		recent: new RecentLive(recentLiveEvents),
		walks: { older: null, filtered: null },
	};
}

/** What every history read of any project shares. */
export class HistoryReader {
	readonly #sink: HistorySink;
	readonly #clock: Clock;
	/** Ids of history reads, for the ledger (overlapping reads must not show an entry twice). */
	#lastReadId = 0;

	constructor(sink: HistorySink, clock: Clock) {
		this.#sink = sink;
		this.#clock = clock;
	}

	/**
	 * Claims `[startMs, endMs]` for a read, as soon as the window is known (a gap's or a seam's, when
	 * the stream reports it, long before a queued read of it starts): the ledger learns the live
	 * events already shown there, while the small ring still holds them, and from now on every live
	 * event inside it, held or shown at once, is given to the ledger as it arrives. So a read shows
	 * only what the stream did not bring, and an event the stream did bring is shown live, whole.
	 */
	claim(state: ProjectState, startMs: number, endMs: number): void {
		state.recent.drain(startMs - lateSlackMs, (fingerprints) =>
			state.ledger.admitLiveFingerprints(fingerprints),
		);
		if (state.reads.some(([start, end]) => start === startMs && end === endMs)) return;
		state.reads.push([startMs, endMs]);
		if (state.reads.length > maxReads) state.reads.shift();
	}

	/** Starts a read of `[startMs, endMs]` (claimed here if it was not yet); returns its id. */
	startRead(state: ProjectState, startMs: number, endMs: number): number {
		this.claim(state, startMs, endMs);
		this.#lastReadId += 1;
		return this.#lastReadId;
	}

	/**
	 * What a read's raw entries (oldest first) add to the pane: parsed (a bad shape counted as a
	 * skip), without what either source showed, grouped into invocations, in time order.
	 */
	newEvents(
		state: ProjectState,
		raws: readonly unknown[],
		readId: number,
	): { events: TailEvent[]; entries: number } {
		const entries: HistoryEntry[] = [];
		for (const raw of raws) {
			const entry = parseHistoryEntry(raw, state.uuid);
			if (entry !== null) entries.push(entry);
			else this.#sink.skip(state.uuid, "shape");
		}
		const fresh = state.ledger.admitHistory(entries, readId);
		const grouped = groupHistoryEntries(fresh, state.uuid, { receivedAt: this.#clock.now() });
		return { events: placeTimeless(grouped, fresh), entries: fresh.length };
	}

	/**
	 * A read's failure as a reason to show, or null when there is none to show: the project closed, or
	 * history is off for the store (a 403, said once as an `off` note).
	 */
	failure(state: ProjectState, error: unknown): string | null {
		if (state.controller.signal.aborted) return null;
		const reason = error instanceof Error ? error.message : String(error);
		if (error instanceof ApiError && error.status === 403) {
			if (!state.off) this.#sink.historyNote?.(state.uuid, { kind: "off", reason });
			state.off = true;
			return null;
		}
		return reason;
	}
}

/**
 * Events in time order. One without a time (a queue or cron handler's log with a null timestamp)
 * takes the time of the entry before it on the page, which is where the API placed it, instead of
 * the moment it was received: otherwise every such row of a backfill would pile up at its end. It
 * stays `timeMissing`, so nothing claims the time was sent.
 */
function placeTimeless<T extends TailEvent>(events: T[], entries: readonly HistoryEntry[]): T[] {
	const before = new Map<HistoryEntry, number>();
	let last: number | null = null;
	for (const entry of entries) {
		if (entry.time !== null) last = entry.time;
		else if (last !== null) before.set(entry, last);
	}
	const placed = events.map((event) => {
		if (!event.timeMissing) return event;
		const first = (event as { entries?: readonly HistoryEntry[] }).entries?.[0];
		const time = first === undefined ? undefined : before.get(first);
		return time === undefined ? event : { ...event, time };
	});
	// Stable: events of one time keep the page's order.
	return placed.sort((a, b) => a.time - b.time);
}

/** `wait`, ending early (not failing) when the project closes: the read after it then stops. */
export function pause(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
	if (signal.aborted) return Promise.resolve();
	return wait(clock, ms, signal).catch(() => {});
}
