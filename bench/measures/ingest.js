/**
 * Line-mode ingest: the real CLI (`--format json`, stdout to a file) against a pre-built stream
 * served in 64 KiB writes, versus the floor client over the same bytes. The clock runs from the
 * server seeing the (first) request to the output file holding every line, so process start-up is
 * not part of it. bctail never exits on its own (it reconnects and waits: the server then sends only
 * keep-alives), so it is stopped with SIGTERM once the lines are all there.
 */
import { join } from "node:path";
import { runClient } from "../lib/client-run.js";
import { bin, childEnv } from "../lib/proc.js";
import { logProfiles, profileArgs } from "../lib/profile.js";
import { row } from "../lib/report.js";
import { buildStream } from "../lib/traffic.js";

export const projectUuids = [
	"0193a4c2-7d1e-7b3a-9f21-5c8e4d6a2001",
	"0193a4c2-7d1e-7b3a-9f21-5c8e4d6a2002",
	"0193a4c2-7d1e-7b3a-9f21-5c8e4d6a2003",
	"0193a4c2-7d1e-7b3a-9f21-5c8e4d6a2004",
];

/**
 * @param {import("../run.js").Context} ctx
 * @param {number} projects
 * @param {number} perProject
 */
async function measure(ctx, projects, perProject) {
	const streams = new Map(
		projectUuids.slice(0, projects).map((uuid) => [uuid, buildStream(uuid, perProject)]),
	);
	const bytes = [...streams.values()].reduce((sum, stream) => sum + stream.bytes.length, 0);
	ctx.log(
		`  stream: ${projects} x ${perProject.toLocaleString("en-US")} events, ${(bytes / 1048576).toFixed(1)} MiB`,
	);
	const uuids = [...streams.keys()];
	const env = childEnv({ CATALYST_ACCESS_TOKEN: ctx.token });
	/** @type {Record<string, (server: { origin: string }) => string[]>} */
	const profiling = ctx.profile ? join(ctx.tmp, "profiles") : null;
	const clients = {
		bctail: (server) => [
			...(profiling ? profileArgs(profiling) : []),
			bin,
			"--format",
			"json",
			"--store-hash",
			ctx.storeHash,
			"--api-host",
			server.origin,
			...uuids,
		],
		floor: (server) => [`${ctx.root}bench/floor-client.js`, server.origin, ctx.storeHash, ...uuids],
	};
	/** @type {Record<string, number[]>} */
	const rates = { bctail: [], floor: [] };
	for (let rep = 0; rep < ctx.config.reps; rep++) {
		// Alternate who goes first: the machine's state drifts between runs.
		for (const who of rep % 2 === 0 ? ["bctail", "floor"] : ["floor", "bctail"]) {
			const args = /** @type {(server: { origin: string }) => string[]} */ (clients[who]);
			const { rate } = await runClient({ who, streams, ctx, env, args });
			rates[who]?.push(rate);
			ctx.log(`  rep ${rep + 1} ${who}: ${Math.round(rate).toLocaleString("en-US")} events/s`);
			if (profiling && who === "bctail") logProfiles(ctx.log, profiling, "bctail");
		}
	}
	return { bctail: rates.bctail ?? [], floor: rates.floor ?? [] };
}

/** @type {import("../run.js").Measure} */
export const ingest = {
	name: "ingest",
	title: "line-mode ingest, 1 project",
	async run(ctx) {
		const { bctail, floor } = await measure(ctx, 1, ctx.config.ingestEvents);
		return [
			row({
				measure: "ingest",
				metric: `line-mode ingest, 1 project, ${ctx.config.ingestEvents.toLocaleString("en-US")} events (events/s)`,
				bctail,
				reference: floor,
				refLabel: "floor client",
				target: "≥ 80% of floor",
				check: (_b, ratio) => ratio !== null && ratio >= 0.8,
			}),
		];
	},
};

/** @type {import("../run.js").Measure} */
export const ingest4 = {
	name: "ingest4",
	title: "line-mode ingest, 4 projects",
	async run(ctx) {
		const { bctail, floor } = await measure(ctx, 4, ctx.config.ingest4Events);
		return [
			row({
				measure: "ingest4",
				metric: `line-mode ingest, 4 projects x ${ctx.config.ingest4Events.toLocaleString("en-US")} events (events/s)`,
				bctail,
				reference: floor,
				refLabel: "floor client, 4 streams",
				target: "≥ 80% of floor",
				check: (_b, ratio) => ratio !== null && ratio >= 0.8,
			}),
		];
	},
};
