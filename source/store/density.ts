/**
 * How densely a pane draws its rows, per pane: one row per request (`v`), wrapping long rows (`W`),
 * and the columns scrolled sideways (←/→). The view keeps its place across a toggle: the entry under
 * the cursor stays under it (in compact mode, as the row of its event).
 */
import type { PaneViewState } from "./pane-view-state.js";

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

/** One row per request on / off. The cursor's entry (an absolute index) maps to its event's row. */
export function toggleCompact(host: DensityHost, pane: PaneViewState): void {
	pane.compact = !pane.compact;
	changed(host, pane);
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
