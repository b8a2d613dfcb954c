/**
 * The stream path's cost to the rest of the process (bench/stream-time.js in a child): how long a key
 * waits behind a burst of events (`burst`), and what an idle stream of keep-alives costs in CPU
 * (`keepalive`, against a bare fetch loop reading the same stream). Both used to be wall-clock limits in
 * test/reliability/fault-matrix.test.ts; the tests now check what holds on any machine, and these
 * targets are those limits.
 */
import { runJson } from "../lib/proc.js";
import { row } from "../lib/report.js";

/** @type {import("../run.js").Measure} */
export const burst = {
	name: "burst",
	title: "keys during a burst of events (stream client + store, no UI)",
	async run(ctx) {
		const events = ctx.config.burstEvents;
		const runs = [];
		for (let rep = 0; rep < ctx.config.reps; rep++) {
			const result = await runJson(
				[`${ctx.root}bench/stream-time.js`, JSON.stringify({ mode: "burst", events })],
				{
					timeoutMs: ctx.timeoutMs(events),
				},
			);
			runs.push(result);
			ctx.log(
				`  rep ${rep + 1}: ${result.events} events in ${result.ingestMs.toFixed(0)} ms; ${result.keys} keys, ` +
					`p95 ${result.p95Ms.toFixed(1)} ms, max ${result.maxMs.toFixed(1)} ms`,
			);
		}
		const pick = (key) => runs.map((each) => each[key] ?? Number.NaN);
		const n = events.toLocaleString("en-US");
		return [
			row({
				measure: "burst",
				metric: `key (pause) during a ${n}-event burst: longest wait until shown (ms)`,
				bctail: pick("maxMs"),
				target: "≤ 250 ms",
				check: (value) => value <= 250,
			}),
			row({ measure: "burst", metric: "  p95 wait (ms)", bctail: pick("p95Ms") }),
			row({ measure: "burst", metric: `  ${n} events parsed and stored (ms)`, bctail: pick("ingestMs") }),
		];
	},
};

/** @type {import("../run.js").Measure} */
export const keepalive = {
	name: "keepalive",
	title: "an idle stream: keep-alives only",
	async run(ctx) {
		const { keepaliveSeconds: seconds, keepaliveIntervalMs: keepAliveMs } = ctx.config;
		const share = { bctail: [], floor: [] };
		for (let rep = 0; rep < ctx.config.reps; rep++) {
			for (const client of /** @type {const} */ (["bctail", "floor"])) {
				const result = await runJson(
					[
						`${ctx.root}bench/stream-time.js`,
						JSON.stringify({ mode: "keepalive", seconds, keepAliveMs, client }),
					],
					{ timeoutMs: 30_000 + seconds * 2000 },
				);
				share[client].push(result.cpuShare * 100);
				ctx.log(
					`  rep ${rep + 1} ${client}: CPU ${(result.cpuShare * 100).toFixed(1)}% of ${result.wallMs.toFixed(0)} ms, ` +
						`${result.requests} request(s)`,
				);
			}
		}
		return [
			row({
				measure: "keepalive",
				metric: `CPU, one keep-alive every ${keepAliveMs} ms for ${seconds} s (% of a core, emulator included)`,
				bctail: share.bctail,
				reference: share.floor,
				refLabel: "bare fetch loop",
				target: "≤ 50%",
				check: (value) => value <= 50,
			}),
		];
	},
};
