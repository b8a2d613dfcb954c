/**
 * The background scan of a search: slices of at most `sliceMs` on their own scheduler (setImmediate by
 * default: slices yield to I/O, not to time), newest entries first, focused pane first, until every
 * pane's older entries were examined. A new search restarts it: a slice queued for the old one runs the
 * new one instead.
 */
import { scanPane, scanPending } from "./pane-search.js";
import type { PaneSearch, PaneState } from "./pane-state.js";
import type { CompiledQuery } from "./search.js";

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
	#compiled: CompiledQuery | null = null;
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

	/** A new search (or none): what the panes' shares are scanned with from now on. */
	restart(compiled: CompiledQuery | null): void {
		this.#compiled = compiled;
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
		const compiled = this.#compiled;
		if (compiled === null || this.#disposed) return;
		const deadline = performance.now() + this.#sliceMs;
		const panes = this.#host.panes();
		const focused = this.#host.focused();
		const order = focused === undefined ? panes : [focused, ...panes.filter((p) => p !== focused)];
		let outOfTime = false;
		let found = false;
		for (const pane of order) {
			if (!scanPending(pane)) continue;
			const matches = (pane.search as PaneSearch).matches;
			const before = matches.length;
			outOfTime = scanPane(pane, compiled, deadline);
			if (matches.length > before) found = true;
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
