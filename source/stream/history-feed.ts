/**
 * The tail with a past: sits between the stream clients and the sink (the store, or line mode's
 * printer) and adds history where the live stream has none. When a project opens it loads the recent
 * past (`sinceMs`); when a stream comes back from an outage (a `gap`) it loads the gap's window. While
 * a load runs, the project's live events wait here, so the sink receives one sequence in time order:
 * history, then a note ("live from …", "filled: 312 entries"), then live. Live and history meet in an
 * `EntryLedger`: an entry one source already showed is not shown again by the other, so nothing appears
 * twice at a seam and nothing is dropped there. History never stops the tail: a 403 (the Logs API beta
 * is off for the store) is said once and the live stream goes on; other failures are notes.
 * The reads a pane places itself (scroll back, go to a time, filtered search) are `history-reads.ts`.
 */

import { EntryLedger } from "../model/entry-ledger.js";
import type { ConnectionStatus, Gap, SkipCause, TailEvent } from "../model/types.js";
import { type Clock, systemClock } from "../util/clock.js";
import { nextTurn } from "./event-loop-slicing.js";
import { HistoryClient, type HistoryFilters } from "./history-client.js";
import type { HistoryFeed, HistoryFeedOptions, HistorySink } from "./history-feed-types.js";
import { HistoryReader, type ProjectState, pause, projectState } from "./history-project.js";
import {
	historyHorizonMs,
	loadAround,
	loadFiltered,
	loadOlder,
	oldestReadable,
	type ReadContext,
} from "./history-reads.js";
import { inRead } from "./history-recent.js";
import { walkHistory } from "./history-walk.js";

export type {
	AroundResult,
	FilteredResult,
	HistoryFeed,
	HistoryFeedOptions,
	HistoryNote,
	HistorySink,
	OlderResult,
} from "./history-feed-types.js";

/** Closed projects whose ledgers are kept for their reopening. */
const maxParked = 16;
/** Live and history overlap near the present, and around gaps: two hours covers both. */
const ledgerHorizonMs = 2 * 60 * 60 * 1000;

class Feed implements HistoryFeed {
	readonly #options: HistoryFeedOptions;
	readonly #sink: HistorySink;
	readonly #clock: Clock;
	readonly #reads: ReadContext;
	readonly #states = new Map<string, ProjectState>();
	/**
	 * Closed projects' ledgers: a pane closed and opened again keeps its rows, so what it showed must
	 * stay known, and the time it was closed is filled from history instead of loading the past again.
	 */
	readonly #parked = new Map<string, { readonly ledger: EntryLedger; readonly closedAt: number }>();

	constructor(options: HistoryFeedOptions) {
		this.#options = options;
		this.#sink = options.sink;
		this.#clock = options.clock ?? systemClock;
		const reader = new HistoryReader(options.sink, this.#clock);
		this.#reads = { reader, clock: this.#clock, pageSize: options.pageSize };
	}

	get #reader(): HistoryReader {
		return this.#reads.reader;
	}

	// --- projects --------------------------------------------------------------------------------

	open(projectUuid: string): void {
		if (this.#states.has(projectUuid)) return;
		const before = this.#parked.get(projectUuid);
		this.#parked.delete(projectUuid);
		const client = new HistoryClient(this.#options.target, projectUuid, this.#options.history);
		const ledger =
			before?.ledger ?? new EntryLedger({ horizonMs: ledgerHorizonMs, now: () => this.#clock.now() });
		const state = projectState(projectUuid, client, ledger);
		this.#states.set(projectUuid, state);
		if (before !== undefined) {
			if (this.#options.fillGaps !== false)
				this.#fill(state, { start: before.closedAt, end: this.#clock.now(), cause: "closed" }, 0);
		} else if (this.#options.sinceMs > 0) this.#backfill(state);
	}

	close(projectUuid: string): void {
		const state = this.#states.get(projectUuid);
		if (state === undefined) return;
		this.#states.delete(projectUuid);
		this.#parked.set(projectUuid, { ledger: state.ledger, closedAt: this.#clock.now() });
		if (this.#parked.size > maxParked) this.#parked.delete(this.#parked.keys().next().value as string);
		state.controller.abort();
		if (state.holdTimer !== null) this.#clock.clearTimeout(state.holdTimer);
		state.held = null;
	}

	stopAll(): void {
		for (const uuid of [...this.#states.keys()]) this.close(uuid);
		this.#parked.clear();
	}

	async idle(projectUuid?: string): Promise<void> {
		const all = projectUuid === undefined ? [...this.#states.values()] : [this.#states.get(projectUuid)];
		await Promise.all(all.map((state) => state?.chain));
	}

	// --- reads the caller places -----------------------------------------------------------------

	loadOlder(projectUuid: string, beforeMs: number) {
		return loadOlder(this.#reads, this.#states.get(projectUuid), beforeMs);
	}

	loadAround(projectUuid: string, atMs: number, untilMs: number) {
		return loadAround(this.#reads, this.#states.get(projectUuid), atMs, untilMs);
	}

	loadFiltered(projectUuid: string, filters: HistoryFilters, beforeMs: number) {
		return loadFiltered(this.#reads, this.#states.get(projectUuid), filters, beforeMs);
	}

	// --- TailSink --------------------------------------------------------------------------------

	event(projectUuid: string, event: TailEvent): void {
		const state = this.#states.get(projectUuid);
		if (state === undefined) this.#sink.event(projectUuid, event);
		else if (state.held === null) this.#deliverLive(state, event);
		else {
			// Inside a claimed window the ledger decides now, before the read can show it from history.
			const shown = inRead(state.reads, event.time) ? state.ledger.admitLive(event) : null;
			state.held.push({ event, shown });
			if (state.held.length >= (this.#options.maxHeld ?? 50_000)) this.#release(state);
		}
	}

	status(projectUuid: string, status: ConnectionStatus): void {
		this.#sink.status(projectUuid, status);
	}

	gap(projectUuid: string, gap: Gap): void {
		this.#sink.gap(projectUuid, gap);
		const state = this.#states.get(projectUuid);
		if (state !== undefined && this.#options.fillGaps !== false && !state.off) this.#fill(state, gap);
	}

	skip(projectUuid: string, cause: SkipCause): void {
		this.#sink.skip(projectUuid, cause);
	}

	seam(projectUuid: string, at: { readonly start: number; readonly end: number }): void {
		this.#sink.seam?.(projectUuid, at);
		const state = this.#states.get(projectUuid);
		if (state !== undefined && this.#options.fillSeams !== false && !state.off)
			this.#seam(state, at.start, at.end);
	}

	// --- live events around loads ----------------------------------------------------------------

	#deliverLive(state: ProjectState, event: TailEvent): void {
		if (!inRead(state.reads, event.time)) {
			// Outside every window read: history cannot have shown it. A later read catches it up.
			state.recent.push(event);
			this.#sink.event(state.uuid, event);
			return;
		}
		// An event history already showed whole is not shown again; see entry-ledger.ts for the rest.
		if (state.ledger.admitLive(event)) this.#sink.event(state.uuid, event);
	}

	#release(state: ProjectState): void {
		if (state.holdTimer !== null) this.#clock.clearTimeout(state.holdTimer);
		state.holdTimer = null;
		const held = state.held;
		state.held = null;
		if (held === null) return;
		for (const { event, shown } of held) {
			if (shown === null) this.#deliverLive(state, event);
			else if (shown) this.#sink.event(state.uuid, event);
		}
	}

	#hold(state: ProjectState): void {
		if (state.held !== null) return;
		state.held = [];
		state.holdTimer = this.#clock.setTimeout(() => {
			state.holdTimer = null;
			this.#release(state);
		}, this.#options.maxHoldMs ?? 30_000);
	}

	/** Runs `task` with the project's live events held, after any load before it. */
	#queue(state: ProjectState, task: () => Promise<void>): void {
		state.loads += 1;
		this.#hold(state);
		state.chain = state.chain
			.then(task)
			.catch(() => {})
			.finally(() => {
				state.loads -= 1;
				if (state.loads === 0 && this.#states.get(state.uuid) === state) this.#release(state);
			});
	}

	// --- loads given to the sink -----------------------------------------------------------------

	/** Reads `[startMs, endMs]` and hands what is new to the sink; resolves with how many were. */
	async #load(state: ProjectState, startMs: number, endMs: number): Promise<number> {
		const readId = this.#reader.startRead(state, startMs, endMs);
		const request = {
			start: new Date(startMs).toISOString(),
			end: new Date(endMs).toISOString(),
			limit: this.#options.pageSize,
		};
		let shown = 0;
		const signal = state.controller.signal;
		for await (const batch of walkHistory(state.client, request, startMs, endMs, { signal })) {
			const fresh = this.#reader.newEvents(state, batch.entries, readId);
			for (const event of fresh.events) this.#sink.event(state.uuid, event);
			shown += fresh.entries;
			// A page of 500 entries is a few ms of work: let keys and frames through between batches.
			await nextTurn();
			if (signal.aborted) break;
		}
		return shown;
	}

	#backfill(state: ProjectState): void {
		const endMs = this.#clock.now();
		const sinceMs = Math.min(this.#options.sinceMs, historyHorizonMs - 60_000);
		this.#queue(state, async () => {
			try {
				const entries = await this.#load(state, endMs - sinceMs, endMs);
				if (!state.controller.signal.aborted)
					this.#sink.historyNote?.(state.uuid, { kind: "live-from", at: endMs, entries, sinceMs });
			} catch (error) {
				const reason = this.#reader.failure(state, error);
				if (reason !== null) this.#sink.historyNote?.(state.uuid, { kind: "failed", reason });
			}
		});
	}

	#fill(state: ProjectState, gap: Gap, delay = this.#options.fillDelayMs ?? 2000): void {
		const margin = this.#options.gapMarginMs ?? 2000;
		const start = Math.max(oldestReadable(this.#clock), gap.start - margin);
		const end = gap.end + margin;
		this.#reader.claim(state, start, end);
		this.#queue(state, async () => {
			if (delay > 0) await pause(this.#clock, delay, state.controller.signal);
			try {
				const entries = await this.#load(state, start, end);
				if (!state.controller.signal.aborted)
					this.#sink.historyNote?.(state.uuid, { kind: "filled", gap, entries });
			} catch (error) {
				const reason = this.#reader.failure(state, error);
				if (reason !== null) this.#sink.historyNote?.(state.uuid, { kind: "not-filled", gap, reason });
				else if (state.off) {
					const off = "history is off for this store";
					this.#sink.historyNote?.(state.uuid, { kind: "not-filled", gap, reason: off });
				}
			}
		});
	}

	/** A rotation's seam: read late, not held (a few entries at most, shown when found). */
	#seam(state: ProjectState, start: number, end: number): void {
		const margin = this.#options.gapMarginMs ?? 2000;
		const delay = this.#options.fillDelayMs ?? 2000;
		this.#reader.claim(state, start - margin, end + margin);
		state.chain = state.chain
			.then(async () => {
				if (delay > 0) await pause(this.#clock, delay, state.controller.signal);
				const entries = await this.#load(state, start - margin, end + margin);
				if (entries > 0 && !state.controller.signal.aborted)
					this.#sink.historyNote?.(state.uuid, { kind: "seam", at: start, entries });
			})
			.catch((error: unknown) => {
				this.#reader.failure(state, error);
			});
	}
}

/** Creates the feed of one session (nothing is open yet). */
export function createHistoryFeed(options: HistoryFeedOptions): HistoryFeed {
	return new Feed(options);
}
