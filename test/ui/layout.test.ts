import { describe, expect, it } from "vitest";
import { type LayoutInput, planLayout, split } from "../../source/ui/layout.js";

const base: LayoutInput = { count: 1, focus: 0, width: 120, height: 40, mode: "columns", zoom: false };

/** Each line of panes as its width list, e.g. [[40, 40, 40]]. */
function widths(input: Partial<LayoutInput>): number[][] {
	return planLayout({ ...base, ...input }).lines.map((line) => line.map((cell) => cell.width));
}

describe("split", () => {
	it("splits into near-equal parts that add up", () => {
		expect(split(10, 3)).toEqual([4, 3, 3]);
		expect(split(9, 3)).toEqual([3, 3, 3]);
	});
});

describe("planLayout", () => {
	it("puts up to three panes side by side in equal columns", () => {
		expect(widths({ count: 1 })).toEqual([[120]]);
		expect(widths({ count: 2 })).toEqual([[60, 60]]);
		expect(widths({ count: 3, width: 100 })).toEqual([[34, 33, 33]]);
		expect(planLayout({ ...base, count: 3 }).lines[0]?.map((cell) => cell.height)).toEqual([40, 40, 40]);
	});

	it("auto: columns from 120 columns, full-width rows below (80x24, 100x30)", () => {
		expect(widths({ count: 3, mode: "auto", width: 120 })).toEqual([[40, 40, 40]]);
		expect(widths({ count: 3, mode: "auto", width: 80, height: 23 })).toEqual([[80], [80], [80]]);
		expect(widths({ count: 2, mode: "auto", width: 100, height: 29 })).toEqual([[100], [100]]);
		// Rows that do not fit the height still fall back to a grid, then to zoom.
		expect(widths({ count: 6, mode: "auto", width: 100, height: 12 })).toEqual([
			[34, 33, 33],
			[34, 33, 33],
		]);
	});

	it("uses a 2x2 grid for four and a grid beyond", () => {
		expect(widths({ count: 4 })).toEqual([
			[60, 60],
			[60, 60],
		]);
		expect(widths({ count: 5 })).toEqual([
			[40, 40, 40],
			[60, 60],
		]);
		const nine = planLayout({ ...base, count: 9, height: 42 });
		expect(nine.lines.map((line) => line.length)).toEqual([3, 3, 3]);
		expect(nine.lines.map((line) => line[0]?.height)).toEqual([14, 14, 14]);
		expect(nine.lines.flat().map((cell) => cell.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
	});

	it("stacks panes in rows mode and grids them in grid mode", () => {
		expect(widths({ count: 3, mode: "rows" })).toEqual([[120], [120], [120]]);
		expect(widths({ count: 3, mode: "grid" })).toEqual([[60, 60], [120]]);
	});

	it("shows only the focused pane when zoomed", () => {
		const plan = planLayout({ ...base, count: 4, focus: 2, zoom: true });
		expect(plan.lines).toEqual([[{ index: 2, width: 120, height: 40 }]]);
		expect(plan.zoomed).toBe(true);
		expect(plan.forced).toBe(false);
	});

	it("falls back to a grid, then to zoom, when panes would be too small", () => {
		// 8 stacked rows in 20 lines are 2 high: too small, but a 3x3 grid fits.
		expect(planLayout({ ...base, count: 8, mode: "rows", height: 20 }).lines).toHaveLength(3);
		// 3 columns of 13 are too narrow; a 2x2 grid of 20 fits.
		expect(widths({ count: 3, width: 40 })).toEqual([[20, 20], [40]]);
		const tiny = planLayout({ ...base, count: 9, focus: 4, width: 40, height: 9 });
		expect(tiny).toMatchObject({ zoomed: true, forced: true });
		expect(tiny.lines).toEqual([[{ index: 4, width: 40, height: 9 }]]);
	});

	it("has no lines without panes", () => {
		expect(planLayout({ ...base, count: 0 }).lines).toEqual([]);
	});
});
