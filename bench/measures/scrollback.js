/**
 * Keys while a seven-day scroll-back loads (bench/scrollback-keys.js in a child): the emulator in
 * another child holds seven days of seeded history for its three projects (20,000 invocations
 * each, its cap) and trickles live events; one pane pages back to the start of history while `p`
 * is timed from stdin to the frame that shows it. The reference is the same app, same traffic, no
 * scroll-back.
 */

import { bin, childEnv, runJson, start } from "../lib/proc.js";
import { row } from "../lib/report.js";
import { distribution } from "../lib/stats.js";

/** Starts `bctail emulator` on a free port and reads its address, store hash, token and projects. */
async function startEmulator(rate, seed) {
	const child = start([bin, "emulator", "--port", "0", "--rate", String(rate), "--history-seed", seed], {
		pipeStdout: true,
	});
	let text = "";
	child.child.stdout?.on("data", (chunk) => {
		text += chunk;
	});
	const deadline = Date.now() + 60_000;
	while (!text.includes("Ctrl-C stops it.") && Date.now() < deadline)
		await new Promise((r) => setTimeout(r, 20));
	const origin = /listening on (\S+)/.exec(text)?.[1];
	const storeHash = /store hash (\S+),/.exec(text)?.[1];
	const token = /CATALYST_ACCESS_TOKEN=(\S+)/.exec(text)?.[1];
	const projects = [...text.matchAll(/^ {2}([0-9a-f-]{36}) {2}(\S+)/gm)].map((m) => ({
		uuid: m[1],
		name: m[2],
	}));
	if (!origin || !storeHash || !token || projects.length === 0)
		throw new Error(`the emulator did not start: ${child.stderr() || text}`);
	return { child, origin, storeHash, token, projects };
}

/** @type {import("../run.js").Measure} */
export const scrollback = {
	name: "scrollback",
	title: "keys while a 7-day scroll-back loads: 3 panes at 200x50, one paging back to the start of history",
	async run(ctx) {
		const c = ctx.config;
		const scroll = [];
		const still = [];
		const seconds = [];
		const events = [];
		for (let rep = 0; rep < c.reps; rep++) {
			const emulator = await startEmulator(c.scrollbackLiveRate, c.scrollbackSeed);
			try {
				const result = await runJson(
					[
						`${ctx.root}bench/scrollback-keys.js`,
						JSON.stringify({
							origin: emulator.origin,
							storeHash: emulator.storeHash,
							token: emulator.token,
							projects: emulator.projects,
							width: 200,
							height: 50,
							keyIntervalMs: c.scrollbackKeyIntervalMs,
							stillSeconds: c.scrollbackStillSeconds,
							maxPages: c.scrollbackMaxPages,
							timeoutMs: 240_000,
						}),
					],
					{ env: childEnv(), timeoutMs: 300_000 },
				);
				const s = distribution(result.scrollKeys.filter(Number.isFinite));
				const r = distribution(result.stillKeys.filter(Number.isFinite));
				scroll.push(s);
				still.push(r);
				seconds.push(result.scrollMs / 1000);
				events.push(result.eventsLoaded);
				ctx.log(
					`  rep ${rep + 1}: ${result.pages} pages, ${result.eventsLoaded} events in ${(result.scrollMs / 1000).toFixed(1)} s (${result.olderState}); ` +
						`keys p50 ${s.p50.toFixed(1)} p95 ${s.p95.toFixed(1)} max ${s.max.toFixed(1)} ms (${s.count}); ` +
						`still p95 ${r.p95.toFixed(1)} ms (${r.count}); unanswered ${result.scrollKeys.length - s.count}`,
				);
			} finally {
				await emulator.child.stop();
			}
		}
		return [
			row({
				measure: "scrollback",
				metric: "key latency while scrolling back 7 days, p95 (ms)",
				bctail: scroll.map((d) => d.p95),
				reference: still.map((d) => d.p95),
				refLabel: "same app, no scroll-back",
				target: "≤ 50 ms",
				check: (value) => value <= 50,
			}),
			row({
				measure: "scrollback",
				metric: "  p50 (ms)",
				bctail: scroll.map((d) => d.p50),
				reference: still.map((d) => d.p50),
				refLabel: "same app, no scroll-back",
				target: "report",
			}),
			row({
				measure: "scrollback",
				metric: "  events paged back / seconds to the start of history",
				bctail: events.map((n, i) => n / (seconds[i] ?? Number.NaN)),
				target: "report",
				note: `${events.join(", ")} events`,
			}),
		];
	},
};
