/**
 * The official client, `catalyst logs tail --format json` (npm @bigcommerce/catalyst), against bctail
 * on the same https stream, cut into segments: each response ends after N events and the next
 * connection goes on with the next events, as the real 60 s stream end does. Figures: events/s, and
 * the share of events each client delivered (distinct uuids in its output) across those ends.
 *
 * The package is installed with `npm install --prefix` into a cache folder under the temporary
 * directory (reused by later runs). Its telemetry is switched off and its config goes to a scratch
 * HOME, so it makes no request beyond the loopback server.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { runClient } from "../lib/client-run.js";
import { bin, childEnv, node } from "../lib/proc.js";
import { logProfiles, profileArgs } from "../lib/profile.js";
import { row } from "../lib/report.js";
import { makeCertificate } from "../lib/tls.js";
import { buildStream } from "../lib/traffic.js";

const uuid = "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a3001";

/**
 * Installs (once) and returns the path of the official CLI's entry point and its version.
 * @param {import("../run.js").Context} ctx
 */
async function installOfficial(ctx) {
	const prefix = join(tmpdir(), "bctail-bench", "catalyst");
	const entry = join(prefix, "node_modules", "@bigcommerce", "catalyst", "dist", "cli.js");
	if (!existsSync(entry)) {
		mkdirSync(prefix, { recursive: true });
		ctx.log(`  installing @bigcommerce/catalyst into ${prefix}`);
		// npm_execpath is npm's own script when the bench runs under `npm run`; else npm on PATH.
		const npmCli = process.env.npm_execpath;
		const [command, base] = npmCli?.endsWith(".js") ? [node, [npmCli]] : ["npm", []];
		await promisify(execFile)(
			command,
			[
				...base,
				"install",
				"--prefix",
				prefix,
				"--no-audit",
				"--no-fund",
				"--loglevel=error",
				"@bigcommerce/catalyst",
			],
			{ timeout: 300_000, env: { ...process.env, npm_config_update_notifier: "false" } },
		);
	}
	const manifest = JSON.parse(
		readFileSync(join(prefix, "node_modules", "@bigcommerce", "catalyst", "package.json"), "utf8"),
	);
	return { entry, version: String(manifest.version) };
}

/** @type {import("../run.js").Measure} */
export const official = {
	name: "official",
	title: "the official client (catalyst logs tail) vs bctail, https, segmented stream",
	async run(ctx) {
		const { entry, version } = await installOfficial(ctx);
		const tls = makeCertificate(ctx.tmp);
		const count = ctx.config.officialEvents;
		const segment = ctx.config.officialSegment;
		const streams = new Map([[uuid, buildStream(uuid, count)]]);
		const home = join(ctx.tmp, "home");
		mkdirSync(home, { recursive: true });
		const env = childEnv({
			CATALYST_ACCESS_TOKEN: ctx.token,
			NODE_EXTRA_CA_CERTS: tls.certFile,
			CATALYST_TELEMETRY_DISABLED: "1",
			HOME: home,
			XDG_CONFIG_HOME: join(home, ".config"),
			// Each segment stands for a routine 60 s end, compressed: not a stream that "ended early".
			BCTAIL_MIN_STREAM_MS: "0",
		});
		/** @type {Record<string, (server: { hostPort: string }) => string[]>} */
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
				server.hostPort,
				uuid,
			],
			catalyst: (server) => [
				entry,
				"logs",
				"tail",
				"--format",
				"json",
				"--store-hash",
				ctx.storeHash,
				"--project-uuid",
				uuid,
				"--api-host",
				server.hostPort,
			],
		};
		/** @type {Record<string, { rate: number[], delivered: number[] }>} */
		const results = { bctail: { rate: [], delivered: [] }, catalyst: { rate: [], delivered: [] } };
		for (let rep = 0; rep < ctx.config.reps; rep++) {
			for (const who of rep % 2 === 0 ? ["bctail", "catalyst"] : ["catalyst", "bctail"]) {
				const args = /** @type {(server: { hostPort: string }) => string[]} */ (clients[who]);
				const run = await runClient({
					who,
					streams,
					ctx,
					env,
					args,
					tls,
					segmentEvents: segment,
					countDelivered: true,
					stallMs: 5_000,
				});
				const delivered = ((run.unique ?? 0) / count) * 100;
				if (profiling && who === "bctail") logProfiles(ctx.log, profiling, "bctail");
				results[who]?.rate.push(run.rate);
				results[who]?.delivered.push(delivered);
				ctx.log(
					`  rep ${rep + 1} ${who}: ${Math.round(run.rate).toLocaleString("en-US")} events/s, ${delivered.toFixed(2)}% delivered`,
				);
			}
		}
		const ends = Math.ceil(count / segment);
		const b = /** @type {{ rate: number[], delivered: number[] }} */ (results.bctail);
		const c = /** @type {{ rate: number[], delivered: number[] }} */ (results.catalyst);
		return [
			row({
				measure: "official",
				metric: `--format json over https, ${count.toLocaleString("en-US")} events in ${ends} streams (events/s)`,
				bctail: b.rate,
				reference: c.rate,
				refLabel: `catalyst ${version}`,
				target: "bctail faster",
				check: (_b, ratio) => ratio !== null && ratio > 1,
			}),
			row({
				measure: "official",
				metric: `events delivered across ${ends - 1} stream ends (%)`,
				bctail: b.delivered,
				reference: c.delivered,
				refLabel: `catalyst ${version}`,
				target: "bctail 100%",
				check: (value) => value === 100,
			}),
		];
	},
};
