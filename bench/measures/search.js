/**
 * Search over 10k / 50k / 100k entries in the store (bench/search-time.js in a child), against a plain
 * lower-case substring scan over the same texts in the same process.
 */
import { runJson } from "../lib/proc.js";
import { row } from "../lib/report.js";

/** A word users type; fuzzy in bctail (typos allowed), a substring in the scan. */
const query = "cart";

/** @type {import("../run.js").Measure} */
export const search = {
	name: "search",
	title: `search for "${query}"`,
	async run(ctx) {
		const rows = [];
		for (const entries of ctx.config.searchSizes) {
			const runs = [];
			for (let rep = 0; rep < ctx.config.reps; rep++) {
				const result = await runJson(
					[`${ctx.root}bench/search-time.js`, JSON.stringify({ entries, query })],
					{
						timeoutMs: 180_000,
					},
				);
				runs.push(result);
				ctx.log(
					`  ${entries.toLocaleString("en-US")} entries rep ${rep + 1}: first ${result.firstMs?.toFixed(1)} ms, done ${result.doneMs?.toFixed(1)} ms, ` +
						`longest slice ${result.maxSliceMs.toFixed(1)} ms, ${result.matchCount} matches; scan ${result.scanMs.toFixed(1)} ms, ${result.scanMatches} matches`,
				);
			}
			const n = `${Math.round(entries / 1000)}k`;
			const pick = (key) => runs.map((each) => each[key] ?? Number.NaN);
			rows.push(
				row({
					measure: "search",
					metric: `search "${query}" in ${n} entries: first results (ms)`,
					bctail: pick("firstMs"),
					target: "≤ 50 ms",
					check: (value) => value <= 50,
				}),
				row({
					measure: "search",
					metric: `  ${n}: complete (ms)`,
					bctail: pick("doneMs"),
					reference: pick("scanMs"),
					refLabel: "substring scan",
					note: `matches: ${runs[0]?.matchCount} fuzzy vs ${runs[0]?.scanMatches} substring`,
				}),
				row({
					measure: "search",
					metric: `  ${n}: longest synchronous slice (ms)`,
					bctail: pick("maxSliceMs"),
					reference: pick("scanMs"),
					refLabel: "substring scan, one slice",
					target: "≤ 16 ms",
					check: (value) => value <= 16,
				}),
			);
		}
		return rows;
	},
};
