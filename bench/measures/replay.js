/**
 * Replay of a recording: `bctail replay <file> --format json > /dev/null` over an NDJSON file of
 * generated events, versus a bare JSON.parse loop over the same file (bench/floor-replay.js). Both
 * are timed from spawn to exit (start-up included on both sides), peak RSS from GNU time.
 */
import { join } from "node:path";
import { bin, runMeasured } from "../lib/proc.js";
import { logProfiles, profileArgs } from "../lib/profile.js";
import { row } from "../lib/report.js";
import { ndjsonFile } from "../lib/traffic.js";

/** @type {import("../run.js").Measure} */
export const replay = {
	name: "replay",
	title: "replay of an NDJSON recording",
	async run(ctx) {
		const count = ctx.config.replayEvents;
		const file = await ndjsonFile(count);
		ctx.log(
			`  ${file.path}: ${count.toLocaleString("en-US")} events, ${(file.bytes / 1048576).toFixed(0)} MiB`,
		);
		const profiling = ctx.profile ? join(ctx.tmp, "profiles") : null;
		const rate = { bctail: [], floor: [] };
		const rss = { bctail: [], floor: [] };
		for (let rep = 0; rep < ctx.config.reps; rep++) {
			for (const who of rep % 2 === 0 ? ["bctail", "floor"] : ["floor", "bctail"]) {
				const args =
					who === "bctail"
						? [...(profiling ? profileArgs(profiling) : []), bin, "replay", file.path, "--format", "json"]
						: [`${ctx.root}bench/floor-replay.js`, file.path];
				const run = await runMeasured(args, { timeoutMs: ctx.timeoutMs(count) });
				const ok = run.code === 0;
				if (!ok) ctx.log(`  ${who} exited ${run.code}: ${run.stderr.trim().slice(-400)}`);
				if (profiling && who === "bctail") logProfiles(ctx.log, profiling, "bctail");
				rate[who].push(ok ? count / (run.ms / 1000) : Number.NaN);
				rss[who].push(ok ? run.peakRssMb : Number.NaN);
				ctx.log(
					`  rep ${rep + 1} ${who}: ${Math.round(count / (run.ms / 1000)).toLocaleString("en-US")} events/s, peak RSS ${run.peakRssMb.toFixed(0)} MB`,
				);
			}
		}
		return [
			row({
				measure: "replay",
				metric: `replay ${count.toLocaleString("en-US")} events --format json > /dev/null (events/s)`,
				bctail: rate.bctail,
				reference: rate.floor,
				refLabel: "bare JSON.parse loop",
				target: "≥ 60% of the loop",
				check: (_b, ratio) => ratio !== null && ratio >= 0.6,
			}),
			row({
				measure: "replay",
				metric: "  peak RSS (MB)",
				bctail: rss.bctail,
				reference: rss.floor,
				refLabel: "bare JSON.parse loop",
				target: "report",
			}),
		];
	},
};
