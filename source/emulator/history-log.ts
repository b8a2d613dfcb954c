/**
 * Per project, every event the emulator generated or was pushed, flattened into history entries,
 * whether or not a tail stream took it: the real API keeps its logs with no tail open, which is
 * what a client's gap-filling relies on. Bounded to the newest `limit` entries per project.
 */
import { type FlatEntry, flattenEvent } from "./history-entries.js";
import { withQuirks } from "./history-quirks.js";
import { createRandom, hashString, type Random } from "./prng.js";
import type { HistoryEntry } from "./types.js";

/** One kept entry; `seq` orders entries of the same `at` (later recorded = newer). */
export interface StoredEntry extends FlatEntry {
	readonly seq: number;
}

export interface HistoryLogOptions {
	/** Entries kept per project. */
	readonly limit: number;
	/** Seeds the quirks of generated entries. */
	readonly seed: number;
	/** Share of generated entries without `entry_type`. */
	readonly untypedShare: number;
}

/** Ascending (at, seq) order: the history log's one sort key. */
export const compareStored = (a: { at: number; seq: number }, b: { at: number; seq: number }): number =>
	a.at - b.at || a.seq - b.seq;

export class HistoryLog {
	readonly #options: HistoryLogOptions;
	/** Per project, kept in ascending (at, seq) order. */
	readonly #entries = new Map<string, StoredEntry[]>();
	readonly #quirks = new Map<string, Random>();
	#seq = 0;

	constructor(options: HistoryLogOptions) {
		this.#options = options;
	}

	/**
	 * Records one event of the project at `now` (ms). Generated events get the quirks real entries
	 * have; pushed ones are flattened exactly as the contract says.
	 */
	record(
		projectUuid: string,
		event: Readonly<Record<string, unknown>>,
		now: number,
		generated: boolean,
	): void {
		const flat = flattenEvent(event, now);
		const entries = generated ? withQuirks(this.#random(projectUuid), flat, this.#options) : flat;
		const list = this.#list(projectUuid);
		for (const entry of entries) this.#insert(list, { ...entry, seq: ++this.#seq });
		// Trimmed in bulk (a quarter past the limit), so recording stays O(1) amortized once full.
		const limit = this.#options.limit;
		if (list.length > limit + Math.max(1, limit >> 2)) list.splice(0, list.length - limit);
	}

	/** The project's entries, oldest first (ascending at, seq). Do not modify. */
	entries(projectUuid: string): readonly StoredEntry[] {
		const list = this.#entries.get(projectUuid) ?? [];
		// The list may run up to a quarter past the limit between bulk trims; the limit is what is kept.
		return list.length > this.#options.limit ? list.slice(list.length - this.#options.limit) : list;
	}

	/** The project's entries as the endpoint shows them unfiltered: newest first. */
	newestFirst(projectUuid: string): HistoryEntry[] {
		return this.entries(projectUuid)
			.map((stored) => stored.entry)
			.reverse();
	}

	#insert(list: StoredEntry[], stored: StoredEntry): void {
		// Mostly an append: entries arrive roughly in time order. Binary search for the rest.
		let low = 0;
		let high = list.length;
		const last = list[high - 1];
		if (last === undefined || compareStored(last, stored) <= 0) {
			list.push(stored);
			return;
		}
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (compareStored(list[middle] as StoredEntry, stored) <= 0) low = middle + 1;
			else high = middle;
		}
		list.splice(low, 0, stored);
	}

	#list(projectUuid: string): StoredEntry[] {
		let list = this.#entries.get(projectUuid);
		if (!list) {
			list = [];
			this.#entries.set(projectUuid, list);
		}
		return list;
	}

	#random(projectUuid: string): Random {
		let random = this.#quirks.get(projectUuid);
		if (!random) {
			random = createRandom((this.#options.seed ^ hashString(`history:${projectUuid}`)) >>> 0);
			this.#quirks.set(projectUuid, random);
		}
		return random;
	}
}
