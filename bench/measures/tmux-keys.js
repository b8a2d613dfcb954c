/**
 * Key to screen through tmux (bench/tmux-keys.js in a child): bctail tailing 4 projects at 200x55
 * while the bench server (here, in the parent, never blocked by the child's polling) paces a total
 * event rate over them; the same harness times bctail with keep-alives only and a trivial program that
 * shows the same word on the same key (bench/lib/key-echo.js), the floor.
 */
import { bin, childEnv, node, root, runJson } from "../lib/proc.js";
import { row } from "../lib/report.js";
import { startSseServer } from "../lib/sse-server.js";
import { distribution } from "../lib/stats.js";
import { buildStream } from "../lib/traffic.js";
import { projectUuids } from "./ingest.js";

/**
 * @param {import("../run.js").Context} ctx
 * @param {string} command
 */
function timeKeys(ctx, command, ready) {
	const c = ctx.config;
	return runJson(
		[
			`${root}bench/tmux-keys.js`,
			JSON.stringify({
				command,
				env: { ...childEnv(), NO_COLOR: "", TERM: "xterm-256color", CATALYST_ACCESS_TOKEN: ctx.token },
				width: 200,
				height: 55,
				ready,
				key: "p",
				on: "PAUSED",
				samples: c.tmuxKeySamples,
				warmupMs: 2000,
			}),
		],
		{ env: childEnv(), timeoutMs: 180_000 },
	);
}

/**
 * @param {import("../run.js").Context} ctx
 * @param {number} rate events/s over all four projects (0: keep-alives only)
 */
async function timeBctail(ctx, rate) {
	const c = ctx.config;
	const perProject = Math.round((rate / 4) * c.tmuxKeySeconds);
	const streams = new Map(projectUuids.map((uuid) => [uuid, buildStream(uuid, perProject, 13)]));
	const server = await startSseServer({
		streams,
		storeHash: ctx.storeHash,
		token: ctx.token,
		pace: { ratePerProject: rate / 4, events: perProject },
	});
	try {
		const command = `"${node}" "${bin}" --api-host ${server.origin} --store-hash ${ctx.storeHash} --since 0 ${projectUuids.join(" ")}`;
		return await timeKeys(ctx, command, "bench-4");
	} finally {
		await server.close();
	}
}

/** @type {import("../run.js").Measure} */
export const tmuxKeys = {
	name: "tmuxkeys",
	title:
		"key to screen through tmux: 4 panes at 200x55 under a paced flood, keep-alives only, and a trivial program",
	async run(ctx) {
		const c = ctx.config;
		const loaded = [];
		const idle = [];
		const floor = [];
		for (let rep = 0; rep < c.reps; rep++) {
			const f = await timeKeys(ctx, `"${node}" "${root}bench/lib/key-echo.js"`, "ready");
			const i = await timeBctail(ctx, 0);
			const l = await timeBctail(ctx, c.tmuxKeyRate);
			floor.push(distribution(f.latencies));
			idle.push(distribution(i.latencies));
			loaded.push(distribution(l.latencies));
			ctx.log(
				`  rep ${rep + 1}: p50/p90 ms: loaded ${loaded[rep].p50.toFixed(1)}/${loaded[rep].p90.toFixed(1)}, ` +
					`keep-alives ${idle[rep].p50.toFixed(1)}/${idle[rep].p90.toFixed(1)}, trivial program ${floor[rep].p50.toFixed(1)}/${floor[rep].p90.toFixed(1)} ` +
					`(one capture ${l.captureMs.toFixed(1)} ms)`,
			);
		}
		const pick = (list, key) => list.map((each) => each[key]);
		return [
			row({
				measure: "tmuxkeys",
				metric: `key to screen, ${c.tmuxKeyRate} events/s in 4 panes, p90 (ms)`,
				bctail: pick(loaded, "p90"),
				reference: pick(floor, "p90"),
				refLabel: "trivial program",
				target: "≤ 30 ms",
				check: (value) => value <= 30,
			}),
			row({
				measure: "tmuxkeys",
				metric: "  p50 (ms)",
				bctail: pick(loaded, "p50"),
				reference: pick(floor, "p50"),
				refLabel: "trivial program",
				target: "report",
			}),
			row({
				measure: "tmuxkeys",
				metric: "key to screen, keep-alives only, p90 (ms)",
				bctail: pick(idle, "p90"),
				reference: pick(floor, "p90"),
				refLabel: "trivial program",
				target: "report",
			}),
		];
	},
};
