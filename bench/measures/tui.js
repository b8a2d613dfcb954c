/**
 * The TUI under load (bench/tui-load.js in a child with CI unset): four panes fed by real streams at
 * a paced total rate, then as fast as they come; then idle. Figures: events lost, sustained events/s,
 * CPU, frames/s, bytes/s, key latency and event-loop delay under load vs idle. An extra profiled run
 * (the inspector's sampling profiler over the loaded phases) gives the render share and what is hot.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { childEnv, runJson } from "../lib/proc.js";
import { analyzeProfile } from "../lib/profile.js";
import { row } from "../lib/report.js";
import { startSseServer } from "../lib/sse-server.js";
import { distribution } from "../lib/stats.js";
import { buildStream } from "../lib/traffic.js";
import { projectUuids } from "./ingest.js";

/**
 * @param {import("../run.js").Context} ctx
 * @param {Map<string, import("../lib/traffic.js").BuiltStream>} streams
 * @param {number} pacedPerProject
 * @param {string | null} profile
 */
async function runOnce(ctx, streams, pacedPerProject, profile) {
	const c = ctx.config;
	const server = await startSseServer({
		streams,
		storeHash: ctx.storeHash,
		token: ctx.token,
		pace: { ratePerProject: c.tuiPacedRate / streams.size, events: pacedPerProject },
	});
	const total = [...streams.values()].reduce((sum, stream) => sum + stream.count, 0);
	try {
		return await runJson(
			[
				`${ctx.root}bench/tui-load.js`,
				JSON.stringify({
					origin: server.origin,
					storeHash: ctx.storeHash,
					token: ctx.token,
					projects: [...streams.keys()].map((uuid, i) => ({ uuid, name: `bench-${i + 1}` })),
					pacedTotal: pacedPerProject * streams.size,
					total,
					width: 200,
					height: 50,
					idleSeconds: c.tuiIdleSeconds,
					keyIntervalMs: c.tuiKeyIntervalMs,
					profile,
					timeoutMs: c.tuiPacedSeconds * 1000 + ctx.timeoutMs(total),
				}),
			],
			{ env: childEnv() },
		);
	} finally {
		await server.close();
	}
}

/** @type {import("../run.js").Measure} */
export const tui = {
	name: "tui",
	title: "TUI under load: 4 panes, 200x50, paced then flat out, then idle",
	async run(ctx) {
		const c = ctx.config;
		const pacedPerProject = Math.round((c.tuiPacedRate / 4) * c.tuiPacedSeconds);
		const perProject = pacedPerProject + Math.round(c.tuiFastEvents / 4);
		const streams = new Map(projectUuids.map((uuid) => [uuid, buildStream(uuid, perProject, 11)]));
		const runs = [];
		for (let rep = 0; rep < c.reps; rep++) {
			const result = await runOnce(ctx, streams, pacedPerProject, null);
			runs.push(result);
			const fast = result.phases.find((each) => each.name === "fast");
			ctx.log(
				`  rep ${rep + 1}: ${result.storeTotal}/${result.expected} in the store; fast ${Math.round(fast?.eventsPerSec ?? 0)} events/s, ` +
					`${fast?.cpuCores.toFixed(2)} cores, ${fast?.framesPerSec.toFixed(1)} frames/s`,
			);
		}
		const profileFile = join(ctx.tmp, "tui.cpuprofile");
		const profiled = await runOnce(ctx, streams, pacedPerProject, profileFile);
		const analysis = analyzeProfile(JSON.parse(readFileSync(profileFile, "utf8")));
		ctx.log(
			`  profiled run, busy time by area: ${Object.entries(analysis.shares)
				.map(([area, share]) => `${area} ${(share * 100).toFixed(0)}%`)
				.join(", ")}`,
		);
		for (const each of analysis.hot.slice(0, 10)) {
			ctx.log(`    ${(each.share * 100).toFixed(1).padStart(5)}%  ${each.name}`);
		}

		const phaseOf = (result, name) => result.phases.find((each) => each.name === name);
		const load = (result) => [
			...(phaseOf(result, "paced")?.keys ?? []),
			...(phaseOf(result, "fast")?.keys ?? []),
		];
		const keyStat = (pick, stat) =>
			runs.map((result) => distribution(pick(result).filter(Number.isFinite))[stat]);
		const idleKeys = (result) => phaseOf(result, "idle")?.keys ?? [];
		const fig = (name, get) => runs.map((result) => get(phaseOf(result, name)));
		const maxOf = (a, b) => a.map((value, i) => Math.max(value, b[i] ?? Number.NaN));
		const rows = [
			row({
				measure: "tui",
				metric: "events lost (fed − store totals)",
				bctail: runs.map((result) => result.expected - result.storeTotal),
				target: "0",
				check: (value) => value === 0,
				note: `${runs[0]?.expected.toLocaleString("en-US")} events per run`,
			}),
			row({
				measure: "tui",
				metric: `sustained events/s, flat out after ${c.tuiPacedRate.toLocaleString("en-US")}/s for ${c.tuiPacedSeconds} s`,
				bctail: fig("fast", (p) => p.eventsPerSec),
				target: "≥ 25,000",
				check: (value) => value >= 25_000,
			}),
			row({
				measure: "tui",
				metric: "CPU, flat out (cores)",
				bctail: fig("fast", (p) => p.cpuCores),
				reference: fig("idle", (p) => p.cpuCores),
				refLabel: "idle app",
				target: "≤ 1 core",
				check: (value) => value <= 1,
			}),
			row({
				measure: "tui",
				metric: "  main thread busy, flat out (event-loop utilization, %)",
				bctail: fig("fast", (p) => p.mainThread * 100),
				reference: fig("idle", (p) => p.mainThread * 100),
				refLabel: "idle app",
			}),
			row({
				measure: "tui",
				metric: `CPU at ${c.tuiPacedRate.toLocaleString("en-US")} events/s (cores)`,
				bctail: fig("paced", (p) => p.cpuCores),
				target: "≤ 1 core",
				check: (value) => value <= 1,
			}),
			row({
				measure: "tui",
				metric: "render share of busy time (profiled run)",
				bctail: [(analysis.shares.render ?? 0) * 100],
				target: "≤ 50%",
				check: (value) => value <= 50,
				note: `busy time: ${Object.entries(analysis.shares)
					.map(([area, share]) => `${area} ${(share * 100).toFixed(0)}%`)
					.join(", ")}; events/s in that run ${Math.round(phaseOf(profiled, "fast")?.eventsPerSec ?? 0)}`,
			}),
			row({
				measure: "tui",
				metric: "frames/s, flat out",
				bctail: fig("fast", (p) => p.framesPerSec),
				reference: fig("idle", (p) => p.framesPerSec),
				refLabel: "idle app",
			}),
			row({
				measure: "tui",
				metric: "bytes/s written, flat out",
				bctail: fig("fast", (p) => p.bytesPerSec),
				reference: fig("idle", (p) => p.bytesPerSec),
				refLabel: "idle app",
			}),
			row({
				measure: "keys",
				metric: "key latency under load, p50 (ms)",
				bctail: keyStat(load, "p50"),
				reference: keyStat(idleKeys, "p50"),
				refLabel: "idle app",
			}),
			row({
				measure: "keys",
				metric: "key latency under load, p95 (ms)",
				bctail: keyStat(load, "p95"),
				reference: keyStat(idleKeys, "p95"),
				refLabel: "idle app",
				target: "≤ 50 ms",
				check: (value) => value <= 50,
				note: `samples per run: ${runs.map((result) => load(result).length).join(", ")} under load, ${runs.map((result) => idleKeys(result).length).join(", ")} idle`,
			}),
			row({
				measure: "eld",
				metric: "event-loop delay under load, p99 (ms)",
				bctail: maxOf(
					fig("paced", (p) => p.eld.p99),
					fig("fast", (p) => p.eld.p99),
				),
				reference: fig("idle", (p) => p.eld.p99),
				refLabel: "idle app",
				target: "≤ 40 ms",
				check: (value) => value <= 40,
				note: "the worse of the paced and flat-out phases",
			}),
			row({
				measure: "eld",
				metric: "event-loop delay under load, max (ms)",
				bctail: maxOf(
					fig("paced", (p) => p.eld.max),
					fig("fast", (p) => p.eld.max),
				),
				reference: fig("idle", (p) => p.eld.max),
				refLabel: "idle app",
			}),
		];
		// The raw phases and the profile go into the JSON only.
		return [{ ...rows[0], details: { runs, profiled, profile: analysis } }, ...rows.slice(1)];
	},
};
