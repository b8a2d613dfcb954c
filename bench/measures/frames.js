/**
 * Frame time at several terminal sizes, one pane scrolling (bench/frame-time.js in a child, CI unset),
 * and three panes at 200x50 with one scrolling. The reference, in the same run, is the same app with
 * Ink's own output step (`BCTAIL_INK_OUTPUT=grid`: the grid of cells bctail's fast path replaces), so
 * the curve over sizes shows what the join saves and how cost grows with the screen.
 */
import { childEnv, runJson } from "../lib/proc.js";
import { row } from "../lib/report.js";

/**
 * @param {import("../run.js").Context} ctx
 * @param {{ columns: number, rows: number, panes: number }} size
 * @param {boolean} grid
 */
function frameRun(ctx, size, grid) {
	return runJson([`${ctx.root}bench/frame-time.js`, JSON.stringify({ ...size, frames: ctx.config.frames })], {
		env: childEnv(grid ? { BCTAIL_INK_OUTPUT: "grid" } : {}),
		timeoutMs: 120_000,
	});
}

/** @type {import("../run.js").Measure} */
export const frames = {
	name: "frames",
	title: "frame time, one pane scrolling by a row (reference: Ink's own output step, same run)",
	async run(ctx) {
		const rows = [];
		const sizes = [
			...ctx.config.frameSizes.map(([columns, height]) => ({ columns, rows: height, panes: 1 })),
			...(ctx.config.frameSizes.some(([columns, height]) => columns === 200 && height === 50)
				? [{ columns: 200, rows: 50, panes: 3 }]
				: []),
		];
		for (const size of sizes) {
			const runs = [];
			const grids = [];
			for (let rep = 0; rep < ctx.config.reps; rep++) {
				const result = await frameRun(ctx, size, false);
				const grid = await frameRun(ctx, size, true);
				runs.push(result);
				grids.push(grid);
				ctx.log(
					`  ${size.columns}x${size.rows}, ${size.panes} pane(s) rep ${rep + 1}: p50 ${result.p50.toFixed(2)} ms ` +
						`(Ink's grid ${grid.p50.toFixed(2)}), p95 ${result.p95.toFixed(2)} ms, ${result.count} frames ` +
						`(${result.missed} deferred), ${Math.round(result.bytesPerFrame)} B/frame`,
				);
			}
			const label = `${size.columns}x${size.rows}${size.panes > 1 ? `, ${size.panes} panes (one scrolling)` : ""}`;
			const target = size.columns === 200 && size.rows === 50 && size.panes === 1 ? 3 : null;
			rows.push(
				row({
					measure: "frames",
					metric: `frame time at ${label}, p50 (ms)`,
					bctail: runs.map((each) => each.p50),
					reference: grids.map((each) => each.p50),
					refLabel: "Ink's output step",
					target: target === null ? "report" : `≤ ${target} ms`,
					...(target === null ? {} : { check: (value) => value <= target }),
				}),
				row({
					measure: "frames",
					metric: `  p95 (ms)`,
					bctail: runs.map((each) => each.p95),
					reference: grids.map((each) => each.p95),
					refLabel: "Ink's output step",
					target: "report",
				}),
			);
		}
		return rows;
	},
};
