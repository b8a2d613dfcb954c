/**
 * The tail with a past: sits between the stream clients and the sink (the store, or line mode's
 * printer) and adds history where the live stream has none. When a project opens it loads the recent
 * past (`sinceMs`); when a stream comes back from an outage (a `gap`) it loads the gap's window. While
 * a load runs, the project's live events wait here, so the sink receives one sequence in time order:
 * history, then a note ("live from …", "filled: 312 entries"), then live. Live and history meet in an
 * `EntryLedger`: an entry one source already showed is not shown again by the other, so nothing appears
 * twice at a seam and nothing is dropped there. History never stops the tail: a 403 (the Logs API beta
 * is off for the store) is said once and the live stream goes on; other failures are notes.
 */

import { EntryLedger } from "../model/entry-ledger.js";
import { eventFingerprints } from "../model/fingerprint.js";
import { type HistoryEntry, parseHistoryEntry } from "../model/history-entry.js";
import { groupHistoryEntries } from "../model/history-group.js";
import type { ConnectionStatus, Gap, SkipCause, TailEvent, TailSink } from "../model/types.js";
import { type Clock, systemClock, type TimerHandle } from "../util/clock.js";
import { ApiError } from "./api-errors.js";
import { nextTurn } from "./event-loop-slicing.js";
import { HistoryClient, type HistoryClientOptions } from "./history-client.js";
import { walkHistory } from "./history-walk.js";
import { wait } from "./json-request.js";
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

/** What `loadOlder` brought. */
export type OlderResult =
	/** `events` (oldest first) were read; `more` says whether older ones remain. */
	| { readonly kind: "events"; readonly events: readonly TailEvent[]; readonly more: boolean }
	/** History is off for the store (403), or the project is not open. */
	| { readonly kind: "off"; readonly reason: string }
	| { readonly kind: "failed"; readonly reason: string };

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
	/** Resolves when no load is running for the project (or for any, without one). */
	idle(projectUuid?: string): Promise<void>;
}

interface ProjectState {
	readonly uuid: string;
	readonly client: HistoryClient;
	readonly ledger: EntryLedger;
	readonly controller: AbortController;
	/** Live events waiting for a load to end, or null when none waits. */
	held: TailEvent[] | null;
	holdTimer: TimerHandle | null;
	loads: number;
	off: boolean;
	/** Loads of this project, one after another (the client keeps one request in flight anyway). */
	chain: Promise<void>;
	/** The windows read so far (the last few, newest last): live events inside one may be in history too. */
	readonly reads: [start: number, end: number][];
	/** The latest live events not (yet) given to the ledger, for a load that reaches back over them. */
	readonly recent: RecentLive;
}

/**
 * The last live events shown, oldest first, in a ring. Fingerprinting every live event would cost
 * the tail a third of its speed (measured: 106k instead of 150k+ events/s), and only the events a
 * history read can overlap need it: those of a window already read (checked as they arrive), and
 * those a later read reaches back over, which are fingerprinted from here when that read starts.
 */
class RecentLive {
	/** Small events themselves (cheap to keep); large ones as their fingerprints, never their text. */
	readonly #items: (RecentItem | undefined)[];
	#next = 0;
	constructor(size: number) {
		this.#items = new Array<RecentItem | undefined>(size);
	}
	push(event: TailEvent): void {
		// Holding a fat event here would keep memory the scrollback's budget already gave up.
		const item: RecentItem =
			event.json.length <= maxKeptEventChars
				? { time: event.time, event, fingerprints: null }
				: { time: event.time, event: null, fingerprints: eventFingerprints(event) };
		this.#items[this.#next] = item;
		this.#next = (this.#next + 1) % this.#items.length;
	}
	/** Hands over (and forgets) the fingerprints of every kept event at or after `fromMs`. */
	drain(fromMs: number, take: (fingerprints: readonly string[]) => void): void {
		for (let i = 0; i < this.#items.length; i++) {
			const item = this.#items[i];
			if (item === undefined || item.time < fromMs) continue;
			this.#items[i] = undefined;
			take(item.fingerprints ?? eventFingerprints(item.event as TailEvent));
		}
	}
}

interface RecentItem {
	readonly time: number;
	readonly event: TailEvent | null;
	readonly fingerprints: readonly string[] | null;
}

/** Events up to this much JSON are kept whole in `RecentLive`; larger ones as fingerprints. */
const maxKeptEventChars = 4096;

/** Live events this near a window read are still checked against it (clocks and delivery differ). */
const lateSlackMs = 3_000;
/** Windows remembered per project: reads are queued and a live event is late by seconds at most. */
const maxReads = 16;

/** Whether `time` lies in (or within the slack of) a window read. Newest windows first. */
function inRead(reads: readonly (readonly [number, number])[], time: number): boolean {
	for (let i = reads.length - 1; i >= 0; i--) {
		const read = reads[i] as readonly [number, number];
		if (time >= read[0] - lateSlackMs && time <= read[1] + lateSlackMs) return true;
	}
	return false;
}
/**
 * Live events kept for later reads (a gap's window reaches back 2 s over the last of them). Small on
 * purpose: every event held here survives into V8's old generation, and a ring of 16k cost line mode
 * a fifth of its speed in garbage collection; 1,024 covers the margin up to ~500 events/s.
 */
const recentLiveEvents = 1024;

const dayMs = 24 * 60 * 60 * 1000;
/** The API's own horizon: nothing older than this can be read. */
const historyHorizonMs = 7 * dayMs;

export function createHistoryFeed(options: HistoryFeedOptions): HistoryFeed {
	const { sink } = options;
	const clock = options.clock ?? systemClock;
	const margin = options.gapMarginMs ?? 2000;
	const fillDelay = options.fillDelayMs ?? 2000;
	const maxHeld = options.maxHeld ?? 50_000;
	const maxHoldMs = options.maxHoldMs ?? 30_000;
	const states = new Map<string, ProjectState>();
	/**
	 * Closed projects' ledgers: a pane closed and opened again keeps its rows, so what it showed must
	 * stay known, and the time it was closed is filled from history instead of loading the past again.
	 */
	const parked = new Map<string, { readonly ledger: EntryLedger; readonly closedAt: number }>();
	const maxParked = 16;

	const deliverLive = (state: ProjectState, event: TailEvent): void => {
		if (!inRead(state.reads, event.time)) {
			// Outside every window read: history cannot have shown it. A later read catches it up.
			state.recent.push(event);
			sink.event(state.uuid, event);
			return;
		}
		// An event history already showed whole is not shown again; see entry-ledger.ts for the rest.
		if (state.ledger.admitLive(event)) sink.event(state.uuid, event);
	};

	/** Before reading `[startMs, endMs]`: the live events already shown there become known to the ledger. */
	const beginRead = (state: ProjectState, startMs: number, endMs: number): void => {
		state.recent.drain(startMs - lateSlackMs, (fingerprints) =>
			state.ledger.admitLiveFingerprints(fingerprints),
		);
		state.reads.push([startMs, endMs]);
		if (state.reads.length > maxReads) state.reads.shift();
	};

	const release = (state: ProjectState): void => {
		if (state.holdTimer !== null) clock.clearTimeout(state.holdTimer);
		state.holdTimer = null;
		const held = state.held;
		state.held = null;
		if (held === null) return;
		for (const event of held) deliverLive(state, event);
	};

	const hold = (state: ProjectState): void => {
		if (state.held !== null) return;
		state.held = [];
		state.holdTimer = clock.setTimeout(() => {
			state.holdTimer = null;
			release(state);
		}, maxHoldMs);
	};

	/** Ids of history reads, for the ledger (overlapping reads must not show an entry twice). */
	let lastReadId = 0;
	/** Starts a read of `[startMs, endMs]`: the ledger learns the live events already shown there. */
	const startRead = (state: ProjectState, startMs: number, endMs: number): number => {
		beginRead(state, startMs, endMs);
		lastReadId += 1;
		return lastReadId;
	};

	/**
	 * What a read's raw entries (oldest first) add to the pane: parsed (a bad shape counted as a
	 * skip), without what either source showed, grouped into invocations, in time order.
	 */
	const newEvents = (state: ProjectState, raws: readonly unknown[], readId: number) => {
		const entries: HistoryEntry[] = [];
		for (const raw of raws) {
			const entry = parseHistoryEntry(raw, state.uuid);
			if (entry !== null) entries.push(entry);
			else sink.skip(state.uuid, "shape");
		}
		const fresh = state.ledger.admitHistory(entries, readId);
		const events = placeTimeless(groupHistoryEntries(fresh, state.uuid, { receivedAt: clock.now() }), fresh);
		return { events, entries: fresh.length };
	};

	/** Reads `[startMs, endMs]` and hands what is new to the sink; resolves with how many were. */
	const load = async (state: ProjectState, startMs: number, endMs: number): Promise<number> => {
		const readId = startRead(state, startMs, endMs);
		const request = {
			start: new Date(startMs).toISOString(),
			end: new Date(endMs).toISOString(),
			limit: options.pageSize,
		};
		let shown = 0;
		for await (const batch of walkHistory(state.client, request, startMs, endMs, {
			signal: state.controller.signal,
		})) {
			const fresh = newEvents(state, batch.entries, readId);
			for (const event of fresh.events) sink.event(state.uuid, event);
			shown += fresh.entries;
			// A page of 500 entries is a few ms of work: let keys and frames through between batches.
			await nextTurn();
			if (state.controller.signal.aborted) break;
		}
		return shown;
	};

	/** Runs `task` with the project's live events held, after any load before it. */
	const queue = (state: ProjectState, task: () => Promise<void>): void => {
		state.loads += 1;
		hold(state);
		state.chain = state.chain
			.then(task)
			.catch(() => {})
			.finally(() => {
				state.loads -= 1;
				if (state.loads === 0 && states.get(state.uuid) === state) release(state);
			});
	};

	const failure = (state: ProjectState, error: unknown): string | null => {
		if (state.controller.signal.aborted) return null;
		const reason = error instanceof Error ? error.message : String(error);
		if (error instanceof ApiError && error.status === 403) {
			if (!state.off) sink.historyNote?.(state.uuid, { kind: "off", reason });
			state.off = true;
			return null;
		}
		return reason;
	};

	const backfill = (state: ProjectState): void => {
		const endMs = clock.now();
		const sinceMs = Math.min(options.sinceMs, historyHorizonMs - 60_000);
		queue(state, async () => {
			try {
				const entries = await load(state, endMs - sinceMs, endMs);
				if (!state.controller.signal.aborted)
					sink.historyNote?.(state.uuid, { kind: "live-from", at: endMs, entries, sinceMs });
			} catch (error) {
				const reason = failure(state, error);
				if (reason !== null) sink.historyNote?.(state.uuid, { kind: "failed", reason });
			}
		});
	};

	const fill = (state: ProjectState, gap: Gap, wait = fillDelay): void => {
		queue(state, async () => {
			if (wait > 0) await pause(clock, wait, state.controller.signal);
			const oldest = clock.now() - historyHorizonMs + 60_000;
			try {
				const entries = await load(state, Math.max(oldest, gap.start - margin), gap.end + margin);
				if (!state.controller.signal.aborted)
					sink.historyNote?.(state.uuid, { kind: "filled", gap, entries });
			} catch (error) {
				const reason = failure(state, error);
				if (reason !== null) sink.historyNote?.(state.uuid, { kind: "not-filled", gap, reason });
				else if (state.off)
					sink.historyNote?.(state.uuid, {
						kind: "not-filled",
						gap,
						reason: "history is off for this store",
					});
			}
		});
	};

	/** A rotation's seam: read late, not held (a few entries at most, shown when found). */
	const seam = (state: ProjectState, start: number, end: number): void => {
		state.chain = state.chain
			.then(async () => {
				if (fillDelay > 0) await pause(clock, fillDelay, state.controller.signal);
				const entries = await load(state, start - margin, end + margin);
				if (entries > 0 && !state.controller.signal.aborted)
					sink.historyNote?.(state.uuid, { kind: "seam", at: start, entries });
			})
			.catch((error: unknown) => {
				failure(state, error);
			});
	};

	return {
		open(projectUuid) {
			if (states.has(projectUuid)) return;
			const before = parked.get(projectUuid);
			parked.delete(projectUuid);
			const state: ProjectState = {
				uuid: projectUuid,
				client: new HistoryClient(options.target, projectUuid, options.history),
				// Live and history overlap near the present, and around gaps: two hours covers both.
				ledger: before?.ledger ?? new EntryLedger({ horizonMs: 2 * 60 * 60 * 1000, now: () => clock.now() }),
				controller: new AbortController(),
				held: null,
				holdTimer: null,
				loads: 0,
				off: false,
				chain: Promise.resolve(),
				reads: [],
				recent: new RecentLive(recentLiveEvents),
			};
			states.set(projectUuid, state);
			if (before !== undefined) {
				if (options.fillGaps !== false)
					fill(state, { start: before.closedAt, end: clock.now(), cause: "closed" }, 0);
			} else if (options.sinceMs > 0) backfill(state);
		},
		close(projectUuid) {
			const state = states.get(projectUuid);
			if (state === undefined) return;
			states.delete(projectUuid);
			parked.set(projectUuid, { ledger: state.ledger, closedAt: clock.now() });
			if (parked.size > maxParked) parked.delete(parked.keys().next().value as string);
			state.controller.abort();
			if (state.holdTimer !== null) clock.clearTimeout(state.holdTimer);
			state.held = null;
		},
		async loadOlder(projectUuid, beforeMs) {
			const state = states.get(projectUuid);
			if (state === undefined) return { kind: "off", reason: "the project is not open" };
			if (state.off) return { kind: "off", reason: "history is off for this store" };
			const oldest = clock.now() - historyHorizonMs + 60_000;
			if (beforeMs <= oldest) return { kind: "events", events: [], more: false };
			const readId = startRead(state, oldest, beforeMs);
			try {
				const page = await state.client.page(
					{
						start: new Date(oldest).toISOString(),
						end: new Date(beforeMs).toISOString(),
						limit: options.pageSize,
					},
					state.controller.signal,
				);
				const { events } = newEvents(state, [...page.entries].reverse(), readId);
				await nextTurn();
				return { kind: "events", events, more: page.hasOlder && page.entries.length > 0 };
			} catch (error) {
				const reason = failure(state, error);
				return reason === null
					? { kind: "off", reason: "history is off for this store" }
					: { kind: "failed", reason };
			}
		},
		stopAll() {
			for (const uuid of [...states.keys()]) this.close(uuid);
			parked.clear();
		},
		async idle(projectUuid) {
			const all = projectUuid === undefined ? [...states.values()] : [states.get(projectUuid)];
			await Promise.all(all.map((state) => state?.chain));
		},
		event(projectUuid: string, event: TailEvent) {
			const state = states.get(projectUuid);
			if (state === undefined) return sink.event(projectUuid, event);
			if (state.held === null) return deliverLive(state, event);
			state.held.push(event);
			if (state.held.length >= maxHeld) release(state);
		},
		status(projectUuid: string, status: ConnectionStatus) {
			sink.status(projectUuid, status);
		},
		gap(projectUuid: string, gap: Gap) {
			sink.gap(projectUuid, gap);
			const state = states.get(projectUuid);
			if (state !== undefined && options.fillGaps !== false && !state.off) fill(state, gap);
		},
		skip(projectUuid: string, cause: SkipCause) {
			sink.skip(projectUuid, cause);
		},
		seam(projectUuid: string, at: { readonly start: number; readonly end: number }) {
			sink.seam?.(projectUuid, at);
			const state = states.get(projectUuid);
			if (state !== undefined && options.fillSeams !== false && !state.off) seam(state, at.start, at.end);
		},
	};
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
function pause(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
	if (signal.aborted) return Promise.resolve();
	return wait(clock, ms, signal).catch(() => {});
}
