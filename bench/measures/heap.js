/**
 * Heap per buffered entry (bench/heap.js with --expose-gc, in a child per mode): the real store
 * holding N entries, versus the flattened JSON text of the same events alone.
 */
import { runJson } from "../lib/proc.js";
import { row } from "../lib/report.js";

/** @type {import("../run.js").Measure} */
export const heap = {
	name: "heap",
	title: "heap per buffered entry",
	async run(ctx) {
		const entries = ctx.config.heapEntries;
		const store = [];
		const text = [];
		const events = [];
		for (let rep = 0; rep < ctx.config.reps; rep++) {
			for (const [mode, into] of [
				["store", store],
				["text", text],
				["events", events],
			]) {
				const result = await runJson(
					["--expose-gc", `${ctx.root}bench/heap.js`, JSON.stringify({ entries, mode })],
					{
						timeoutMs: 180_000,
					},
				);
				into.push(result);
				ctx.log(
					`  rep ${rep + 1} ${mode}: ${result.entries} entries, ${result.heapPerEntry.toFixed(0)} B heap/entry, ` +
						`${result.rssPerEntry.toFixed(0)} B RSS/entry, RSS ${result.rssMb.toFixed(0)} MB`,
				);
			}
		}
		const n = `${Math.round(entries / 1000)}k`;
		const beyond = store.map((each, i) => each.heapPerEntry - (text[i]?.heapPerEntry ?? Number.NaN));
		return [
			row({
				measure: "heap",
				metric: `heap per entry at ${n} entries, after GC (B)`,
				bctail: store.map((each) => each.heapPerEntry),
				reference: text.map((each) => each.heapPerEntry),
				refLabel: "the events' JSON text alone",
				target: "report",
				note: `JSON text ${text[0]?.textBytesPerEntry.toFixed(0)} B per entry as bytes`,
			}),
			row({
				measure: "heap",
				metric: "  beyond the text (B per entry)",
				bctail: beyond,
				target: "≤ 300 B",
				check: (value) => value <= 300,
			}),
			row({
				measure: "heap",
				metric: "  of which the parsed events alone (B per entry)",
				bctail: events.map((each) => each.heapPerEntry),
				reference: text.map((each) => each.heapPerEntry),
				refLabel: "the events' JSON text alone",
				target: "report",
				note: "TailEvent objects (json, request, logs, exceptions) held in an array, no store",
			}),
			row({
				measure: "heap",
				metric: `  RSS growth per entry (B)`,
				bctail: store.map((each) => each.rssPerEntry),
				reference: text.map((each) => each.rssPerEntry),
				refLabel: "the events' JSON text alone",
				target: "report",
			}),
		];
	},
};
