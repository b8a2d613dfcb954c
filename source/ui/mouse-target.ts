/**
 * What is under the pointer: pure arithmetic over the layout plan (the same numbers the panes are drawn
 * from), so a click needs no measuring of rendered boxes.
 */
import type { LayoutPlan } from "./layout.js";
import { headerRows } from "./pane-view.js";

export interface PaneTarget {
	/** Index into `snapshot.panes`. */
	readonly index: number;
	/** 0-based body row under the pointer; null over the border or the header. */
	readonly bodyRow: number | null;
}

/** The pane at screen column `x`, row `y` (0-based), or null outside every pane. */
export function paneAt(plan: LayoutPlan, x: number, y: number): PaneTarget | null {
	let top = 0;
	for (const line of plan.lines) {
		const height = line[0]?.height ?? 0;
		if (y >= top && y < top + height) {
			let left = 0;
			for (const cell of line) {
				if (x >= left && x < left + cell.width) {
					const body = y - top - 1 - headerRows(cell.height);
					const rows = cell.height - 2 - headerRows(cell.height);
					return { index: cell.index, bodyRow: body >= 0 && body < rows ? body : null };
				}
				left += cell.width;
			}
			return null;
		}
		top += height;
	}
	return null;
}
