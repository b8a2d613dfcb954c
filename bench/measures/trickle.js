/**
 * A tail left open beside an editor (bench/trickle.js in a child, CI unset): 3 panes at 200x50 fed a
 * few events a second, then keep-alives only. CPU of the process alone (the server runs here, in the
 * parent) as a share of one core, and frames written; the floor is the same streams read into the
 * same store by the same clients with no app drawing them.
 */
import { childEnv, runJson } from "../lib/proc.js";
import { row } from "../lib/report.js";
import { startSseServer } from "../lib/sse-server.js";
import { buildStream } from "../lib/traffic.js";
import { projectUuids } from "./ingest.js";

/**
 * @param {import("../run.js").Context} ctx
 * @param {boolean} ui
 * @param {"trickle" | "idle"} kind
 */
async function runOnce(ctx, ui, kind) {
	const c = ctx.config;
	const uuids = projectUuids.slice(0, 3);
	const perProject = kind === "idle" ? 0 : Math.round((c.trickleRate / uuids.length) * c.trickleSeconds);
	const streams = new Map(uuids.map((uuid) => [uuid, buildStream(uuid, perProject, 5)]));
	const server = await startSseServer({
		streams,
		storeHash: ctx.storeHash,
		token: ctx.token,
		pace: { ratePerProject: c.trickleRate / uuids.length, events: perProject },
	});
	try {
		return await runJson(
			[
				`${ctx.root}bench/trickle.js`,
				JSON.stringify({
					origin: server.origin,
					storeHash: ctx.storeHash,
					token: ctx.token,
					projects: uuids.map((uuid, i) => ({ uuid, name: `bench-${i + 1}` })),
					total: perProject * uuids.length,
					width: 200,
					height: 50,
					settleSeconds: c.trickleSettleSeconds,
					idleSeconds: kind === "idle" ? c.trickleIdleSeconds : 0,
					ui,
					timeoutMs: (c.trickleSeconds + c.trickleSettleSeconds + c.trickleIdleSeconds) * 1000 + 60_000,
				}),
			],
			{
				env: childEnv(),
				timeoutMs: (c.trickleSeconds + c.trickleSettleSeconds + c.trickleIdleSeconds) * 1000 + 90_000,
			},
		);
	} finally {
		await server.close();
	}
}

/** @type {import("../run.js").Measure} */
export const trickle = {
	name: "trickle",
	title: "a tail left open: 3 panes at 200x50, a few events a second, then keep-alives only",
	async run(ctx) {
		const trickles = [];
		const idles = [];
		const floors = { trickle: [], idle: [] };
		for (let rep = 0; rep < ctx.config.reps; rep++) {
			const [trickle] = (await runOnce(ctx, true, "trickle")).phases;
			const [idle] = (await runOnce(ctx, true, "idle")).phases;
			const [floorTrickle] = (await runOnce(ctx, false, "trickle")).phases;
			const [floorIdle] = (await runOnce(ctx, false, "idle")).phases;
			trickles.push(trickle);
			idles.push(idle);
			floors.trickle.push(floorTrickle);
			floors.idle.push(floorIdle);
			ctx.log(
				`  rep ${rep + 1}: trickle ${(100 * trickle.cpuShare).toFixed(2)}% of a core, ` +
					`${trickle.framesPerSec.toFixed(1)} frames/s; idle ${(100 * idle.cpuShare).toFixed(2)}%, ${idle.framesPerSec.toFixed(2)} frames/s; ` +
					`floor ${(100 * floorTrickle.cpuShare).toFixed(2)}% / ${(100 * floorIdle.cpuShare).toFixed(2)}%`,
			);
		}
		const share = (list) => list.map((each) => 100 * each.cpuShare);
		return [
			row({
				measure: "trickle",
				metric: `${ctx.config.trickleRate} events/s over 3 panes: CPU (% of a core)`,
				bctail: share(trickles),
				reference: share(floors.trickle),
				refLabel: "no app: clients + store",
				target: "≤ 1%",
				check: (value) => value <= 1,
			}),
			row({
				measure: "trickle",
				metric: "  frames/s",
				bctail: trickles.map((each) => each.framesPerSec),
				target: "report",
			}),
			row({
				measure: "trickle",
				metric: "keep-alives only: CPU (% of a core)",
				bctail: share(idles),
				reference: share(floors.idle),
				refLabel: "no app: clients + store",
				target: "≤ 0.3%",
				check: (value) => value <= 0.3,
			}),
			row({
				measure: "trickle",
				metric: "  frames/s (nothing visible changes: 0)",
				bctail: idles.map((each) => each.framesPerSec),
				target: "0",
				check: (value) => value === 0,
			}),
		];
	},
};
