/**
 * "Go to a time" in a pane. The scrollback is one run of rows in time order, from its oldest row to
 * live; a time inside it is a cursor move. A time before it needs a window of history: when that
 * window reaches the run, it simply goes in front (as a scroll-back page would); when it does not, a
 * marker row says what lies between is not loaded ("an island": at most one per pane, so the
 * scrollback stays in time order and a later jump elsewhere drops the island first). A full pane makes
 * room by dropping its oldest rows, so the scrollback cap holds.
 */
import type { TailEvent } from "../model/types.js";
import { clamp } from "../util/clamp.js";
import { durationWords } from "../util/duration-words.js";
import { entryCount } from "./entries.js";
import type { LogModel } from "./log-model.js";
import * as moves from "./pane-moves.js";
import type { PaneState } from "./pane-state.js";
import type { PaneViewState } from "./pane-view-state.js";
import { resolve } from "./pane-window.js";
import { clockText } from "./row-text.js";

/** What the jumps need from the store around them. */
export interface JumpHost extends moves.MoveHost {
	readonly log: LogModel;
	viewOf(pane: PaneState): PaneViewState;
}

/** What a jump to a time needs first. */
export type JumpPlan =
	/** The pane holds that time: `goTo` moves there. */
	| { readonly load: false }
	/** A window of history up to `untilMs` (the pane's oldest row; now when it has none) must come first. */
	| { readonly load: true; readonly untilMs: number | null };

/** A window of history around a time, oldest first (see `HistoryFeed.loadAround`). */
export interface TimeWindow {
	readonly events: readonly TailEvent[];
	/** The window joins the pane's oldest row. */
	readonly reached: boolean;
	/** Everything up to this instant was read. */
	readonly throughMs: number;
}

/** A window of history apart from the rows after it: its marker row, and the stretch not loaded. */
interface Island {
	/** The marker row's absolute index. */
	readonly markAbs: number;
	/** The window ends here (ms): the stretch not loaded begins. */
	readonly from: number;
	/** The rows after the marker begin here. */
	readonly to: number;
}

/** Of a pane's free capacity, this share is kept free after a window when room had to be made. */
const roomShare = 4;

export class TimeJumps {
	readonly #host: JumpHost;
	readonly #islands = new WeakMap<PaneState, Island>();

	constructor(host: JumpHost) {
		this.#host = host;
	}

	/** The pane's island, while its marker row is still held. */
	#island(pane: PaneState): Island | undefined {
		const island = this.#islands.get(pane);
		if (island !== undefined && island.markAbs < pane.ring.start) this.#islands.delete(pane);
		return this.#islands.get(pane);
	}

	/**
	 * What going to `atMs` needs. A time in the stretch an island leaves out, or before the island,
	 * drops the island (its rows and marker) first: the window then goes in front of the run after it.
	 */
	plan(pane: PaneState, atMs: number): JumpPlan {
		const island = this.#island(pane);
		if (island !== undefined) {
			const islandStart = oldestTime(pane);
			if (atMs >= island.to || (islandStart !== null && atMs >= islandStart && atMs < island.from))
				return { load: false };
			this.#host.log.dropOldestRows(pane, island.markAbs - pane.ring.start + 1);
			this.#islands.delete(pane);
		}
		const oldest = oldestTime(pane);
		if (oldest !== null && atMs >= oldest) return { load: false };
		return { load: true, untilMs: oldest };
	}

	/**
	 * Puts a window (all older than the pane's oldest row) in front of the pane, with a marker row
	 * between when it does not reach the rows after it; drops the pane's oldest rows first when it
	 * has no room (what was dropped then lies in the stretch the marker names).
	 * @returns how many of the window's events the pane took
	 */
	place(pane: PaneState, window: TimeWindow): number {
		const view = this.#host.viewOf(pane);
		if (!view.follow && view.frozen === null) resolve(view, this.#host.search);
		const ring = pane.ring;
		let rows = 1;
		for (const event of window.events) rows += entryCount(event);
		let reached = window.reached;
		const free = ring.capacity - ring.size;
		if (rows > free && ring.size > 0) {
			const room = Math.floor(ring.capacity / roomShare);
			reached = this.#host.log.dropOldestRows(pane, rows - free + room) === 0 && reached;
		}
		const startBefore = ring.start;
		const to = oldestTime(pane);
		if (
			!reached &&
			to !== null &&
			this.#host.log.prependMark(pane, gapText(window.throughMs, to), window.throughMs)
		)
			this.#islands.set(pane, { markAbs: ring.start, from: window.throughMs, to });
		const taken = this.#host.log.prependOlder(pane, window.events);
		if (ring.start < startBefore) this.#host.search.prepended(pane, startBefore);
		return taken;
	}

	/**
	 * Puts older history that is not the whole of its stretch (a filtered search's matches) in front
	 * of the pane, with `mark` (when given) as a marker row between it and the rows after it. Takes
	 * what fits, as `prependOlder` does: nothing held is dropped for it.
	 * @returns how many of the events the pane took
	 */
	placeApart(
		pane: PaneState,
		events: readonly TailEvent[],
		mark: { text: string; time: number } | null,
	): number {
		const view = this.#host.viewOf(pane);
		if (!view.follow && view.frozen === null) resolve(view, this.#host.search);
		const ring = pane.ring;
		const startBefore = ring.start;
		if (mark !== null && events.length > 0) this.#host.log.prependMark(pane, mark.text, mark.time);
		const taken = this.#host.log.prependOlder(pane, events);
		if (ring.start < startBefore) this.#host.search.prepended(pane, startBefore);
		return taken;
	}

	/**
	 * Puts the pane's cursor on its first row shown at or after `atMs` (the last row when none is),
	 * out of follow mode and out of a pause, and has the header say where it is.
	 * @returns whether a row at or after `atMs` was found
	 */
	goTo(pane: PaneState, atMs: number, seconds: boolean): boolean {
		const view = this.#host.viewOf(pane);
		if (view.paused) moves.resume(this.#host, view);
		const r = resolve(view, this.#host.search);
		view.follow = false;
		view.anchorEnd = pane.ring.end;
		view.at = { ms: atMs, seconds };
		let rank = 0;
		while (rank < r.n && (pane.ring.at(r.seq.absAt(rank))?.time ?? Number.POSITIVE_INFINITY) < atMs) rank++;
		const found = rank < r.n;
		if (r.n > 0) {
			const cursorRank = Math.min(rank, r.n - 1);
			view.cursor = r.seq.absAt(cursorRank);
			// The row asked for goes a third down the pane: what led up to it stays in sight.
			const third = Math.floor(view.height / 3);
			view.top = r.seq.absAt(clamp(cursorRank - third, 0, Math.max(0, r.n - view.height)));
		}
		this.#host.touch(view);
		this.#host.soon();
		return found;
	}
}

/** The time of the pane's oldest row that belongs to an event (markers skipped), or null. */
export function oldestTime(pane: PaneState): number | null {
	const ring = pane.ring;
	for (let i = ring.start; i < ring.end; i++) {
		const event = ring.at(i)?.event;
		if (event != null) return event.time;
	}
	return null;
}

/** The marker row between a window and the rows after it: `not loaded: 14:12:30 – 16:20:11 (2 h)`. */
function gapText(from: number, to: number): string {
	const clock = (ms: number): string => clockText(ms, false).slice(0, 8);
	const hours = Math.round((to - from) / 3_600_000);
	const length = hours >= 1 ? `${hours} h` : durationWords(Math.max(0, to - from));
	return `not loaded: ${clock(from)} – ${clock(to)} (${length}) · T goes to a time, G to live`;
}
