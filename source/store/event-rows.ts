/**
 * One row per request: which entries of an ascending list of buffer indices (the whole buffer, or a
 * search's matches) begin an event, so a pane can show one row per event and move, page and count by
 * events in O(log n), as it does by entries. An event's entries are consecutive in its pane's buffer;
 * the first one held (or matched) stands for the event, and a gap or marker row (no event) stands
 * for itself.
 *
 * Kept in step lazily (`sync`), like the lists it is derived from: items appended to the source are
 * looked at once, items put in front once, evicted ones dropped from the low end, so following a busy
 * pane costs O(1) per entry, never a pass over the buffer (only a new source, e.g. a new search, is
 * indexed from scratch).
 */
import { IndexList } from "./index-list.js";

/** An ascending list of absolute indices, addressed by rank (the ring's range, an `IndexList`). */
export interface AbsList {
	readonly length: number;
	at(rank: number): number | undefined;
	/** Rank of the first index >= `abs` (= length when none). */
	lowerBound(abs: number): number;
}

/** What groups two indices into one row: the same event (gap rows answer themselves). */
export type GroupOf = (abs: number) => unknown;

export class EventRows {
	/** The heads, ascending (prepended and appended in O(1), the smallest dropped in O(1)). */
	#heads = new IndexList();
	/** The source indexed and the [lo, hi] range of its indices looked at (none while hi < lo). */
	#source: unknown = null;
	#lo = 0;
	#hi = -1;
	/** The group of the item at `#lo` when it was looked at: a different one there now means reused indices. */
	#loGroup: unknown = undefined;

	/** Rows: events (and gap rows) among the source's indices. */
	get length(): number {
		return this.#heads.length;
	}

	/** The index of the head of row `rank`. */
	at(rank: number): number | undefined {
		return this.#heads.at(rank);
	}

	/** Rank of the first head >= `abs` (= length when none). */
	lowerBound(abs: number): number {
		return this.#heads.lowerBound(abs);
	}

	#reset(source: unknown): void {
		this.#heads = new IndexList();
		this.#source = source;
		this.#lo = 0;
		this.#hi = -1;
	}

	#dropFirst(): void {
		const first = this.#heads.at(0);
		if (first !== undefined) this.#heads.dropBelow(first + 1);
	}

	/**
	 * Brings the heads up to date with `list`.
	 * @param identity what the list is (a new identity, e.g. a new search's matches, starts over)
	 * @param groupOf the event of an index: consecutive indices of one event make one row
	 */
	sync(list: AbsList, identity: unknown, groupOf: GroupOf): void {
		const n = list.length;
		if (identity !== this.#source || n === 0) this.#reset(identity);
		if (n === 0) return;
		const first = list.at(0) as number;
		const last = list.at(n - 1) as number;
		// A full pane that drops its oldest rows to put older ones in front gives their indices to new
		// entries: what was looked at there no longer holds.
		const reused = first <= this.#lo && this.#lo <= this.#hi && groupOf(this.#lo) !== this.#loGroup;
		if (reused || this.#hi < this.#lo || first > this.#hi || last < this.#lo) {
			// Nothing looked at is still there: index the list whole.
			this.#reset(identity);
			this.#heads.push(first);
			this.#lo = this.#hi = first;
		}
		if (first > this.#lo) {
			// Evicted from the low end: the first one left begins a row, whatever it belonged to.
			this.#heads.dropBelow(first);
			if (this.at(0) !== first) this.#heads.pushOlder(first);
			this.#lo = first;
		}
		if (first < this.#lo) this.#growFront(list, groupOf);
		if (last > this.#hi) this.#growBack(list, groupOf, n);
		this.#loGroup = groupOf(this.#lo);
	}

	/** Items put in front: each begins a row, and the row after it stops being one when it is the same event. */
	#growFront(list: AbsList, groupOf: GroupOf): void {
		for (let rank = list.lowerBound(this.#lo) - 1; rank >= 0; rank--) {
			const abs = list.at(rank) as number;
			const next = list.at(rank + 1) as number;
			if (this.at(0) === next && groupOf(next) === groupOf(abs)) this.#dropFirst();
			this.#heads.pushOlder(abs);
		}
		this.#lo = list.at(0) as number;
	}

	#growBack(list: AbsList, groupOf: GroupOf, n: number): void {
		for (let rank = list.lowerBound(this.#hi + 1); rank < n; rank++) {
			const abs = list.at(rank) as number;
			if (rank === 0 || groupOf(list.at(rank - 1) as number) !== groupOf(abs)) this.#heads.push(abs);
		}
		this.#hi = list.at(n - 1) as number;
	}
}
