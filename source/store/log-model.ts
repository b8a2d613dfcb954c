/**
 * The log model's panes: one `PaneState` per project, created on its first event, status, gap or
 * `addProject`, in arrival order. Appending an event builds its rows into the pane's ring buffer,
 * indexes its exceptions and counts it; the store keeps its own compact copy of the event and never
 * changes the one it was given. Projects removed on purpose stay removed: late stream events for them
 * are dropped. A removed (closed) pane keeps its buffer aside (`closed-panes.ts`): adding the project
 * again brings the pane back as it was (events, exceptions, search share rebuilt). Closed panes are
 * outside the memory budget while closed (only open panes shed).
 */
import { initialStatus } from "../model/connection-status.js";
import { compactCopy } from "../model/lazy-event.js";
import { sanitizeOneLine } from "../model/sanitize.js";
import type { ConnectionStatus, Gap, ProjectInfo, TailEvent } from "../model/types.js";
import { ClosedPanes } from "./closed-panes.js";
import { emitEventEntries, entryBytes, entryCount, gapEntry, markEntry } from "./entries.js";
import { noteException } from "./exception-fingerprints.js";
import { PaneState } from "./pane-state.js";
import type { Entry } from "./types.js";

/** What the panes tell the model around them. */
export interface LogHost {
	/** A closed pane was forgotten (more than `CLOSED_KEPT` closed): its view may go too. */
	forgotten?(pane: PaneState): void;
	/** A pane changed (its snapshot is rebuilt on the next publish). */
	touch(pane: PaneState): void;
	/** A pane was created (it joins the running search). */
	added(pane: PaneState): void;
	/** The time the pane's rate counts `event` at: now for a live tail, the event's time in a replay. */
	rateTime(event: TailEvent): number;
}

export class LogModel {
	readonly #host: LogHost;
	readonly #capacity: number;
	readonly #panes: PaneState[] = [];
	readonly #byId = new Map<string, PaneState>();
	/** Names from `setProjectNames`, for panes that appear later. */
	readonly #names = new Map<string, string>();
	readonly #removed = new Set<string>();
	/** Closed panes kept for reopening. */
	readonly #closed = new ClosedPanes();
	/** Store-wide arrival order of rows. */
	#seq = 0;
	/** The smallest `seq` given so far: rows put in front (`prependOlder`) count down from it. */
	#lowSeq = 0;
	/** The memory budget of all panes together, in bytes (see `shed`). */
	#budget: number;
	/** What all held entries cost. */
	#bytes = 0;

	/**
	 * @param capacity entries kept per pane
	 * @param memoryBytes what all panes' entries may cost together (default: no limit but capacity)
	 */
	constructor(host: LogHost, capacity: number, memoryBytes = Number.POSITIVE_INFINITY) {
		this.#host = host;
		this.#capacity = capacity;
		this.#budget = memoryBytes > 0 ? memoryBytes : Number.POSITIVE_INFINITY;
	}

	/** What all held entries cost, roughly, and the budget they must stay within. */
	get memory(): { readonly bytes: number; readonly budget: number } {
		return { bytes: this.#bytes, budget: this.#budget };
	}

	/** The panes, in the order their projects appeared. */
	get panes(): readonly PaneState[] {
		return this.#panes;
	}

	byId(uuid: string): PaneState | undefined {
		return this.#byId.get(uuid);
	}

	/** Whether the project was removed on purpose (its late stream events are dropped). */
	removed(uuid: string): boolean {
		return this.#removed.has(uuid);
	}

	/** The project's pane, created with a status of `phase` when it has none yet. */
	pane(uuid: string, phase: ConnectionStatus["phase"]): PaneState {
		let pane = this.#byId.get(uuid);
		if (pane !== undefined) return pane;
		pane = new PaneState(uuid, this.#names.get(uuid), this.#capacity, initialStatus(phase));
		this.#panes.push(pane);
		this.#byId.set(uuid, pane);
		this.#host.added(pane);
		this.#host.touch(pane);
		return pane;
	}

	/** Builds the rows of an event into its pane and counts it. */
	append(pane: PaneState, event: TailEvent): void {
		const ring = pane.ring;
		const exceptionIndex = pane.exceptionIndex;
		// Rows keep the store's own compact copy: what else the event holds can be derived again.
		const stored = compactCopy(event);
		const record = (entry: Entry): void => {
			const index = ring.end;
			this.#weigh(pane, entry);
			if (entry.kind === "exception") {
				noteException(entry, event);
				exceptionIndex.push(index);
				pane.exceptionRows++;
				exceptionIndex.dropBelow(ring.start);
			}
		};
		this.#seq = emitEventEntries(event, this.#seq, record, stored);
		countEvent(pane, event);
		pane.eventHistory.add(this.#host.rateTime(event));
		this.#host.touch(pane);
		if (this.#bytes > this.#budget) this.shed(this.#budget);
	}

	/**
	 * Puts older events (oldest first, all older than the pane's oldest row) in front of the pane's
	 * first row, in order. Whole events only, newest first (the one nearest the pane's oldest row),
	 * while all of an event's rows fit in the pane's free capacity and their bytes in the memory
	 * budget: the first that does not fit stops it, so what is taken is always the newest `n` of
	 * `events` and the pane never has a hole. Rows already held keep their absolute indices; the new
	 * ones get smaller indices and `seq`s below every `seq` given so far (so within a pane `seq` still
	 * ascends top to bottom). Counted like arrivals (events, 5xx, exceptions), but not in the rate.
	 * @returns how many events were taken (the newest ones of `events`)
	 */
	prependOlder(pane: PaneState, events: readonly TailEvent[]): number {
		const ring = pane.ring;
		// Indices of rows dropped before must go before new rows take those indices.
		pane.prune();
		let taken = 0;
		for (let e = events.length - 1; e >= 0; e--) {
			const event = events[e] as TailEvent;
			const firstSeq = this.#lowSeq - entryCount(event);
			const rows: Entry[] = [];
			emitEventEntries(event, firstSeq, (entry) => rows.push(entry), compactCopy(event));
			let bytes = 0;
			for (const entry of rows) bytes += entryBytes(entry);
			if (ring.size + rows.length > ring.capacity || this.#bytes + bytes > this.#budget) break;
			this.#lowSeq = firstSeq;
			for (let i = rows.length - 1; i >= 0; i--) {
				const entry = rows[i] as Entry;
				ring.unshift(entry);
				if (entry.kind === "exception") {
					noteException(entry, event);
					pane.exceptionIndex.pushOlder(ring.start);
					pane.exceptionRows++;
				}
			}
			pane.bytes += bytes;
			this.#bytes += bytes;
			countEvent(pane, event);
			taken++;
		}
		if (taken > 0) this.#host.touch(pane);
		return taken;
	}

	/**
	 * Puts a marker row (`markEntry`) in front of the pane's first row, like `prependOlder` does rows
	 * (a `seq` below every one given so far): what "go to a time" says about the stretch between a
	 * window of history and the rows after it that is not loaded.
	 * @returns false when the pane is full (nothing held is dropped for it)
	 */
	prependMark(pane: PaneState, text: string, time: number): boolean {
		pane.prune();
		if (pane.ring.size >= pane.ring.capacity) return false;
		const entry = markEntry(text, time, this.#lowSeq - 1);
		this.#lowSeq -= 1;
		pane.ring.unshift(entry);
		const bytes = entryBytes(entry);
		pane.bytes += bytes;
		this.#bytes += bytes;
		this.#host.touch(pane);
		return true;
	}

	/**
	 * Drops up to `count` of the pane's oldest rows to make room for a window of history elsewhere in
	 * time (counted as evicted by the capacity, not by memory).
	 * @returns how many rows went
	 */
	dropOldestRows(pane: PaneState, count: number): number {
		const n = pane.ring.dropOldest(count, 0, (entry) => {
			const freed = entryBytes(entry);
			pane.bytes -= freed;
			this.#bytes -= freed;
		});
		if (n > 0) {
			pane.prune();
			this.#host.touch(pane);
		}
		return n;
	}

	/**
	 * Drops the oldest half of every pane's entries (rounded down), with their exception and search
	 * indices, to give memory back. Views see it as ordinary eviction.
	 * @returns how many entries were dropped
	 */
	evictOldestHalf(): number {
		let dropped = 0;
		for (const pane of this.#panes) dropped += this.#dropOldest(pane, Math.floor(pane.ring.size / 2), 0);
		return dropped;
	}

	/** Marks a real outage of the project's stream. */
	gap(pane: PaneState, gap: Gap): void {
		this.#weigh(pane, gapEntry(gap, this.#seq++));
		this.#host.touch(pane);
	}

	/** Adds a marker row (`markEntry`): history news placed where it happened in the pane. */
	mark(pane: PaneState, text: string, time: number): void {
		this.#weigh(pane, markEntry(text, time, this.#seq++));
		this.#host.touch(pane);
	}

	/** Pushes an entry, counting what it costs and what the entry it evicted cost. */
	#weigh(pane: PaneState, entry: Entry): void {
		const bytes = entryBytes(entry);
		pane.bytes += bytes;
		this.#bytes += bytes;
		const evicted = pane.ring.push(entry);
		if (evicted !== undefined) {
			const freed = entryBytes(evicted);
			pane.bytes -= freed;
			this.#bytes -= freed;
		}
	}

	/**
	 * Drops the oldest entries, from the pane that holds the most, until all entries cost at most
	 * `targetBytes` (each pane keeps its newest entry). In steps of a 32nd of a pane, so a budget
	 * crossed by every event does not cost a scan per event. Counted per pane (`evictedForMemory`).
	 * @returns how many entries were dropped
	 */
	shed(targetBytes: number): number {
		let dropped = 0;
		while (this.#bytes > targetBytes) {
			let largest: PaneState | undefined;
			for (const pane of this.#panes) if (largest === undefined || pane.bytes > largest.bytes) largest = pane;
			if (largest === undefined || largest.ring.size <= 1) break;
			dropped += this.#dropOldest(largest, Math.max(1, Math.ceil(largest.ring.size / 32)), 1);
		}
		return dropped;
	}

	/** Drops up to `count` of a pane's oldest entries early (keeping `keep`), for memory; counted. */
	#dropOldest(pane: PaneState, count: number, keep: number): number {
		const n = pane.ring.dropOldest(count, keep, (entry) => {
			const freed = entryBytes(entry);
			pane.bytes -= freed;
			this.#bytes -= freed;
		});
		if (n === 0) return 0;
		pane.evictedForMemory += n;
		pane.prune();
		this.#host.touch(pane);
		return n;
	}

	/** The closed panes that can be reopened, most recently closed last. */
	get closed(): readonly PaneState[] {
		return this.#closed.all;
	}

	/**
	 * Opens a project's pane: a closed one comes back as it was, else a new (empty) pane.
	 * @returns whether a closed pane was reopened
	 */
	addProject(uuid: string, name?: string): boolean {
		this.#removed.delete(uuid);
		const closed = this.#closed.take(uuid);
		if (closed !== undefined) {
			this.#panes.push(closed);
			this.#byId.set(uuid, closed);
			this.#bytes += closed.bytes;
			this.#host.added(closed);
			this.#host.touch(closed);
		}
		if (name !== undefined) this.#names.set(uuid, sanitizeOneLine(name));
		const pane = this.pane(uuid, "connecting");
		if (name !== undefined && pane.name !== this.#names.get(uuid)) {
			pane.name = this.#names.get(uuid);
			this.#host.touch(pane);
		}
		if (closed !== undefined && this.#bytes > this.#budget) this.shed(this.#budget);
		return closed !== undefined;
	}

	/**
	 * Closes a project's pane, keeping its buffer aside for `addProject` to bring back.
	 * @returns whether a pane went away
	 */
	removeProject(uuid: string): boolean {
		this.#removed.add(uuid);
		const pane = this.#byId.get(uuid);
		if (pane === undefined) return false;
		this.#byId.delete(uuid);
		this.#panes.splice(this.#panes.indexOf(pane), 1);
		this.#bytes -= pane.bytes;
		this.#closed.keep(pane, (old) => this.#host.forgotten?.(old));
		return true;
	}

	/** @returns whether a pane's name changed */
	setProjectNames(projects: readonly ProjectInfo[]): boolean {
		let renamed = false;
		for (const project of projects) {
			const name = sanitizeOneLine(project.name);
			this.#names.set(project.uuid, name);
			const pane = this.#byId.get(project.uuid);
			if (pane !== undefined && pane.name !== name) {
				pane.name = name;
				this.#host.touch(pane);
				renamed = true;
			}
		}
		return renamed;
	}

	/** The exception rows of a pane, oldest first. */
	exceptionsOf(uuid: string): readonly Entry[] {
		const pane = this.#byId.get(uuid);
		if (pane === undefined) return [];
		pane.prune();
		const out: Entry[] = [];
		const index = pane.exceptionIndex;
		for (let i = 0; i < index.length; i++) {
			const entry = pane.ring.at(index.at(i) as number);
			if (entry !== undefined) out.push(entry);
		}
		return out;
	}
}

/** Counts an event in its pane's totals (events, 5xx, exceptions). */
function countEvent(pane: PaneState, event: TailEvent): void {
	pane.events++;
	if ((event.request?.status ?? 0) >= 500) pane.serverErrors++;
	pane.exceptions += event.exceptions.length;
}
