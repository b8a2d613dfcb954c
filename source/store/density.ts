/**
 * How densely a pane draws its rows, per pane: one row per request (`v`), wrapping long rows (`W`),
 * and the columns scrolled sideways (←/→). The view keeps its place across a toggle: the entry under
 * the cursor stays under it (in compact mode, as the row of its event).
 */
import type { Frozen, PaneViewState } from "./pane-view-state.js";
import type { Entry } from "./types.js";

/** Columns one ← or → scrolls. */
export const SIDEWAYS_STEP = 10;
/** The furthest a row scrolls sideways: past the longest text a row holds (`MAX_ROW_TEXT`) and its columns. */
export const MAX_OFFSET = 8400;

/** What a density change needs of its host: mark the pane changed and publish soon. */
export interface DensityHost {
	touch(pane: PaneViewState): void;
	soon(): void;
}

function changed(host: DensityHost, pane: PaneViewState): void {
	host.touch(pane);
	host.soon();
}

/**
 * One row per request on / off. The cursor's entry (an absolute index) maps to its event's row; a
 * paused pane frozen one row per event gets the other rows of those events back from its buffer.
 */
export function toggleCompact(host: DensityHost, pane: PaneViewState): void {
	pane.compact = !pane.compact;
	if (!pane.compact && pane.frozen !== null) pane.frozen = expandFrozen(pane, pane.frozen);
	changed(host, pane);
}

/**
 * Frozen rows with every held entry of each row's event after it (up to the pause: what arrived
 * since is not shown), the cursor kept on the same entry. Rows that were already entries stay as
 * they are (the next entry of their event is frozen already, or was not shown).
 */
function expandFrozen(pane: PaneViewState, frozen: Frozen): Frozen {
	const ring = pane.log.ring;
	const entries: Entry[] = [];
	const abs: number[] = [];
	let cursor = 0;
	frozen.entries.forEach((entry, i) => {
		if (i === frozen.cursor) cursor = entries.length;
		const at = frozen.abs[i] as number;
		entries.push(entry);
		abs.push(at);
		if (entry.event === null || ring.at(at) !== entry) return;
		for (let next = at + 1; next < pane.pausedAtEnd && frozen.abs[i + 1] !== next; next++) {
			const more = ring.at(next);
			if (more === undefined || more.event !== entry.event) break;
			entries.push(more);
			abs.push(next);
		}
	});
	return { ...frozen, entries, abs, cursor };
}

/** Wrapping on / off (a wrapped pane is not scrolled sideways: the offset is kept for later). */
export function toggleWrap(host: DensityHost, pane: PaneViewState): void {
	pane.wrap = !pane.wrap;
	changed(host, pane);
}

/**
 * Scrolls the pane's rows sideways by `steps` (negative: left) of `SIDEWAYS_STEP` columns, from 0 to
 * `MAX_OFFSET`; 0 steps go back to the start. Nothing to do while wrapping.
 * @returns whether the offset changed
 */
export function scrollSideways(host: DensityHost, pane: PaneViewState, steps: number): boolean {
	if (pane.wrap) return false;
	const offset =
		steps === 0 ? 0 : Math.max(0, Math.min(MAX_OFFSET, pane.offset + Math.trunc(steps) * SIDEWAYS_STEP));
	if (offset === pane.offset) return false;
	pane.offset = offset;
	changed(host, pane);
	return true;
}
