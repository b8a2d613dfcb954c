/**
 * History: `bctail query` against a bare page loop over the same window (both spawned, start-up
 * included, stdout to /dev/null), and the TUI's backfill of 15 busy minutes (about 10,000 entries,
 * 20 pages) to its first delivered event and to its last page, against fetching and parsing the same
 * pages in a loop. The emulator runs in this process and holds the history (pushed events).
 */
import { createEmulator } from "../../dist/emulator/emulator.js";
import { createHistoryFeed } from "../../dist/stream/history-feed.js";
import { bin, runMeasured } from "../lib/proc.js";
import { row } from "../lib/report.js";

/** Pushes `count` invocations ending now, `spanMs` long: a request row, a log, every 9th an exception. */
function fill(emu, project, count, spanMs) {
	const now = Date.now();
	for (let i = 0; i < count; i++) {
		const ts = new Date(now - spanMs + Math.floor((i * spanMs) / count)).toISOString();
		emu.push(project, {
			uuid: `bench-${i}`,
			timestamp: ts,
			request: {
				method: i % 4 ? "GET" : "POST",
				url: `/en/products/item-${i % 500}?page=${i % 7}`,
				status_code: i % 9 ? 200 : 500,
			},
			logs: [
				{
					timestamp: ts,
					level: i % 9 ? "info" : "error",
					messages: [
						`rendered /en/products/item-${i % 500} in ${i % 300}ms`,
						{ cache: i % 2 ? "HIT" : "MISS" },
					],
				},
			],
			exceptions:
				i % 9
					? []
					: [
							{
								timestamp: ts,
								name: "TypeError",
								message: `Cannot read properties of undefined (reading 'x${i % 13}')`,
							},
						],
		});
	}
}

async function floorPages(emu, project, start, end) {
	const headers = { "X-Auth-Token": emu.token, Accept: "application/json" };
	let after = "";
	let entries = 0;
	for (;;) {
		const query = `start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}&limit=500${after ? `&after=${encodeURIComponent(after)}` : ""}`;
		const response = await fetch(
			`${emu.origin}/stores/${emu.storeHash}/v3/infrastructure/logs/${project}?${query}`,
			{ headers },
		);
		const body = JSON.parse(await response.text());
		entries += body.data.length;
		const p = body.meta?.cursor_pagination;
		if (!(p?.links?.next || p?.has_next_page) || body.data.length === 0) return entries;
		after = p.end_cursor;
	}
}

async function backfill(emu, project, sinceMs) {
	const target = { origin: emu.origin, storeHash: emu.storeHash, token: emu.token };
	const started = performance.now();
	let first = null;
	return new Promise((resolve) => {
		const feed = createHistoryFeed({
			target,
			sinceMs,
			fillSeams: false,
			sink: {
				event() {
					first ??= performance.now() - started;
				},
				status() {},
				gap() {},
				skip() {},
				historyNote(_p, note) {
					if (note.kind !== "live-from") return;
					feed.stopAll();
					resolve({
						firstMs: first ?? Number.NaN,
						lastMs: performance.now() - started,
						entries: note.entries,
					});
				},
			},
		});
		feed.open(project);
	});
}

/** @type {import("../run.js").Measure} */
export const history = {
	name: "history",
	title: "history: query and backfill",
	async run(ctx) {
		const smoke = ctx.config.scale === "smoke";
		const emu = await createEmulator({ rate: 0, keepAliveMs: 0 });
		try {
			const [busy, week] = [emu.projects[0].uuid, emu.projects[1].uuid];
			// 15 minutes of a busy project: ~10,000 entries (3,400 invocations of ~3 rows).
			fill(emu, busy, smoke ? 300 : 3_400, 15 * 60_000);
			const queryInvocations = smoke ? 1_000 : 30_000;
			fill(emu, week, queryInvocations, 6 * 24 * 3_600_000);
			const end = new Date().toISOString();
			const start = new Date(Date.now() - 7 * 24 * 3_600_000 + 60_000).toISOString();
			const queried = { bctail: [], floor: [] };
			const entriesInWeek = emu.history(week).length;
			for (let rep = 0; rep < ctx.config.reps; rep++) {
				for (const who of rep % 2 === 0 ? ["bctail", "floor"] : ["floor", "bctail"]) {
					const args =
						who === "bctail"
							? [
									bin,
									"query",
									week,
									"--api-host",
									emu.origin,
									"--store-hash",
									emu.storeHash,
									"--start",
									start,
									"--end",
									end,
									"--format",
									"json",
								]
							: [`${ctx.root}bench/floor-history.js`, emu.origin, emu.storeHash, week, start, end];
					const run = await runMeasured(args, {
						env: { ...process.env, CATALYST_ACCESS_TOKEN: emu.token, BENCH_TOKEN: emu.token },
						timeoutMs: 300_000,
					});
					if (run.code !== 0) ctx.log(`  ${who} exited ${run.code}: ${run.stderr.trim().slice(-300)}`);
					queried[who].push(run.code === 0 ? entriesInWeek / (run.ms / 1000) : Number.NaN);
					ctx.log(
						`  rep ${rep + 1} query ${who}: ${Math.round(entriesInWeek / (run.ms / 1000)).toLocaleString("en-US")} entries/s`,
					);
				}
			}
			const first = [];
			const last = [];
			const floor = [];
			let entries = 0;
			for (let rep = 0; rep < ctx.config.reps; rep++) {
				const result = await backfill(emu, busy, 16 * 60_000);
				first.push(result.firstMs);
				last.push(result.lastMs);
				entries = result.entries;
				const t = performance.now();
				await floorPages(
					emu,
					busy,
					new Date(Date.now() - 16 * 60_000).toISOString(),
					new Date().toISOString(),
				);
				floor.push(performance.now() - t);
				ctx.log(
					`  rep ${rep + 1} backfill: first ${result.firstMs.toFixed(0)} ms, last ${result.lastMs.toFixed(0)} ms, floor ${floor.at(-1).toFixed(0)} ms`,
				);
			}
			return [
				row({
					measure: "history",
					metric: `query 7 days, ${entriesInWeek.toLocaleString("en-US")} entries --format json (entries/s)`,
					bctail: queried.bctail,
					reference: queried.floor,
					refLabel: "bare fetch + JSON.parse page loop",
					target: "≥ 70% of the loop",
					check: (_b, ratio) => ratio !== null && ratio >= 0.7,
				}),
				row({
					measure: "history",
					metric: `backfill 15 min (${entries.toLocaleString("en-US")} entries): to the last page (ms)`,
					bctail: last,
					reference: floor,
					refLabel: "fetch + parse the same pages",
					target: "report",
				}),
				row({
					measure: "history",
					metric: "  to the first event handed to the pane (ms)",
					bctail: first,
					reference: floor,
					refLabel: "fetch + parse the same pages",
					target: "report",
				}),
			];
		} finally {
			await emu.close();
		}
	},
};
