/**
 * Frame time at several terminal sizes, one pane scrolling (bench/frame-time.js in a child, CI unset).
 */
import { childEnv, runJson } from "../lib/proc.js";
import { row } from "../lib/report.js";

/** @type {import("../run.js").Measure} */
export const frames = {
	name: "frames",
	title: "frame time, one pane scrolling",
	async run(ctx) {
		const rows = [];
		for (const [columns, height] of ctx.config.frameSizes) {
			const runs = [];
			for (let rep = 0; rep < ctx.config.reps; rep++) {
				const result = await runJson(
					[
						`${ctx.root}bench/frame-time.js`,
						JSON.stringify({ columns, rows: height, frames: ctx.config.frames }),
					],
					{ env: childEnv(), timeoutMs: 120_000 },
				);
				runs.push(result);
				ctx.log(
					`  ${columns}x${height} rep ${rep + 1}: p50 ${result.p50.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms, ` +
						`${result.count} frames (${result.missed} deferred by the fps cap), ${Math.round(result.bytesPerFrame)} B/frame`,
				);
			}
			const small = columns === 80 && height === 24;
			rows.push(
				row({
					measure: "frames",
					metric: `frame time at ${columns}x${height}, p50 (ms)`,
					bctail: runs.map((each) => each.p50),
					target: small ? "≤ 10 ms" : "report",
					...(small ? { check: (value) => value <= 10 } : {}),
				}),
				row({
					measure: "frames",
					metric: `  p95 (ms)`,
					bctail: runs.map((each) => each.p95),
					target: "report",
				}),
			);
		}
		return rows;
	},
};
