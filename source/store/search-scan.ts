/**
 * The background scan of a search: slices of at most `sliceMs` on their own scheduler (setImmediate by
 * default: slices yield to I/O, not to time), newest entries first, focused pane first, until every
 * pane's older entries were examined. A new search restarts it: a slice queued for the old one runs the
 * new one instead.
 */
import { scanPane, scanPending, sharesOf } from "./pane-search.js";
import type { PaneState } from "./pane-state.js";

/** What the scan needs from the model around it (a `SearchHost` is one). */
export interface ScanHost {
	panes(): readonly PaneState[];
	focused(): PaneState | undefined;
	/** Marks a pane changed (its snapshot is rebuilt on the next publish). */
	touch(pane: PaneState): void;
	/** Marks the model changed (publish on the next frame). */
	markDirty(): void;
	/** Publish on the next microtask (an answer the user waits for). */
	soon(): void;
}

export class SearchScan {
	readonly #host: ScanHost;
	readonly #schedule: (callback: () => void) => void;
	readonly #sliceMs: number;
	/** Bumped on every restart: a slice queued for an older search does not run it. */
	#generation = 0;
	#scheduled = false;
	/** The current search has published matches (its first ones are published at once). */
	#shown = false;
	#disposed = false;

	constructor(host: ScanHost, schedule: (callback: () => void) => void, sliceMs: number) {
		this.#host = host;
		this.#schedule = schedule;
		this.#sliceMs = sliceMs;
	}

	/**
	 * A new search, or a pane's own filter changed: slices queued before are dropped (each share is
	 * scanned with its own query, so there is nothing else to hand over).
	 */
	restart(): void {
		this.#generation++;
		this.#shown = false;
	}

	/** Queues a slice, unless one is queued or no pane has older entries left to examine. */
	schedule(): void {
		if (this.#scheduled || this.#disposed) return;
		if (!this.#host.panes().some(scanPending)) return;
		this.#scheduled = true;
		const generation = this.#generation;
		this.#schedule(() => {
			this.#scheduled = false;
			if (generation !== this.#generation) {
				// A newer query replaced this one while it waited: run the new one instead.
				this.schedule();
				return;
			}
			this.#slice();
		});
	}

	dispose(): void {
		this.#disposed = true;
		this.#generation++;
	}

	/** One slice: newest entries first, focused pane first, until the time budget is spent. */
	#slice(): void {
		if (this.#disposed) return;
		const deadline = performance.now() + this.#sliceMs;
		const panes = this.#host.panes();
		const focused = this.#host.focused();
		const order = focused === undefined ? panes : [focused, ...panes.filter((p) => p !== focused)];
		let outOfTime = false;
		let found = false;
		for (const pane of order) {
			if (!scanPending(pane)) continue;
			const before = matchCount(pane);
			outOfTime = scanPane(pane, deadline);
			if (matchCount(pane) > before) found = true;
			this.#host.touch(pane);
			if (outOfTime) break;
		}
		this.#host.markDirty();
		// The first matches of a search are shown at once, not at the next frame: a search answers as
		// it is typed. Later progress (and its end) follows the frame interval.
		if (found && !this.#shown) {
			this.#shown = true;
			this.#host.soon();
		}
		if (outOfTime) this.schedule();
	}
}

/** Matches held in all of a pane's shares. */
function matchCount(pane: PaneState): number {
	let n = 0;
	for (const share of sharesOf(pane)) n += share.matches.length;
	return n;
}
