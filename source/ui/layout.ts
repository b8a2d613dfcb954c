/**
 * Where panes go: pure arithmetic from the screen size, the pane count, the layout mode and zoom.
 * Pane sizes (and so each pane's body height, which the store's viewport is set from) come from here,
 * not from measuring rendered boxes: that would cost a frame and a second render per resize.
 */
import type { LayoutMode } from "../store/types.js";

export interface PaneCell {
	/** Index into `snapshot.panes`. */
	readonly index: number;
	readonly width: number;
	readonly height: number;
}

export interface LayoutPlan {
	/** Lines of panes, top to bottom; each line's panes left to right. */
	readonly lines: readonly (readonly PaneCell[])[];
	/** Only the focused pane is shown (asked for with `z`, or forced because the panes do not fit). */
	readonly zoomed: boolean;
	/** Zoom was forced: the terminal is too small for every pane. */
	readonly forced: boolean;
}

/** The smallest pane worth drawing: a border, one header line and one row. */
export const minPaneWidth = 16;
export const minPaneHeight = 4;

/**
 * Below this many columns `auto` stacks panes as full-width rows: three side-by-side panes of an
 * 80-column terminal are 25 columns each, too narrow for time, status, method and a path.
 */
export const autoRowsBelow = 120;

/** The mode `auto` stands for at this width; any other mode is itself. */
export function effectiveMode(mode: LayoutMode, width: number): Exclude<LayoutMode, "auto"> {
	if (mode !== "auto") return mode;
	return width < autoRowsBelow ? "rows" : "columns";
}

export interface LayoutInput {
	readonly count: number;
	readonly focus: number;
	readonly width: number;
	/** Rows available for panes (the status bar already taken off). */
	readonly height: number;
	readonly mode: LayoutMode;
	readonly zoom: boolean;
}

/** Splits `total` into `parts` sizes that differ by at most one, larger ones first. */
export function split(total: number, parts: number): number[] {
	const base = Math.floor(total / parts);
	const extra = total - base * parts;
	return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/**
 * Columns per line of panes: `columns` puts up to 3 side by side and uses a grid beyond (2x2 for 4);
 * `rows` stacks them; `grid` is always the squarest grid.
 */
function shape(count: number, mode: Exclude<LayoutMode, "auto">): number[] {
	const grid = (): number[] => {
		const columns = Math.ceil(Math.sqrt(count));
		const lines = Math.ceil(count / columns);
		// Fill lines evenly: 5 panes are 3 + 2, not 3 + 3 with a hole.
		return split(count, lines).sort((a, b) => b - a);
	};
	if (mode === "rows") return Array.from({ length: count }, () => 1);
	if (mode === "columns" && count <= 3) return [count];
	return grid();
}

function plan(lineCounts: readonly number[], width: number, height: number): PaneCell[][] {
	const heights = split(height, lineCounts.length);
	let index = 0;
	return lineCounts.map((n, line) => {
		const widths = split(width, n);
		return widths.map((w) => ({ index: index++, width: w, height: heights[line] ?? 0 }));
	});
}

function fits(lines: readonly PaneCell[][]): boolean {
	return lines.every((line) =>
		line.every((cell) => cell.width >= minPaneWidth && cell.height >= minPaneHeight),
	);
}

/** The panes' places on the screen. With no panes, no lines. */
export function planLayout(input: LayoutInput): LayoutPlan {
	const { count, width, height } = input;
	if (count <= 0) return { lines: [], zoomed: false, forced: false };
	const focus = Math.max(0, Math.min(count - 1, input.focus));
	const zoomed = (): PaneCell[][] => [[{ index: focus, width, height }]];
	if (input.zoom || count === 1) return { lines: zoomed(), zoomed: input.zoom, forced: false };
	const lines = plan(shape(count, effectiveMode(input.mode, width)), width, height);
	if (fits(lines)) return { lines, zoomed: false, forced: false };
	// Columns or rows that do not fit may still fit as a grid before we give up and zoom.
	const grid = plan(shape(count, "grid"), width, height);
	if (fits(grid)) return { lines: grid, zoomed: false, forced: false };
	return { lines: zoomed(), zoomed: true, forced: true };
}
