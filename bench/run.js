/**
 * `npm run bench`: runs each measure several times against its reference in the same run, prints
 * one table and writes it as JSON to bench/results/<date>.json.
 *
 *   node bench/run.js                       every measure
 *   node bench/run.js --only ingest,search  some of them (names in the first column)
 *   BENCH_SCALE=smoke node bench/run.js     tiny sizes (the smoke test)
 *   BENCH_REPS=5 node bench/run.js          more repetitions
 *   node bench/run.js --out file.json       the JSON somewhere else
 *   node bench/run.js --only ingest --profile   also log where bctail's CLI spends its time
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, hostname, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "./lib/config.js";
import { root } from "./lib/proc.js";
import { failedRow, formatTable } from "./lib/report.js";

/**
 * @typedef {object} Context
 * @property {ReturnType<typeof loadConfig>} config
 * @property {(line: string) => void} log  progress, to stderr
 * @property {string} tmp  a scratch folder removed at the end
 * @property {string} root  the repository, with a trailing slash
 * @property {string} storeHash
 * @property {string} token  a bench-only token (never a real one)
 * @property {(events: number) => number} timeoutMs  a generous bound for a run over that many events
 * @property {boolean} profile  run bctail's CLI under --cpu-prof and log what is hot (figures then include the profiler)
 *
 * @typedef {object} Measure
 * @property {string} name
 * @property {string} title
 * @property {(ctx: Context) => Promise<import("./lib/report.js").Row[]>} run
 */

/** Every measure, in the order they run: [name for --only, module, export]. */
const registry = [
	["ingest", "./measures/ingest.js", "ingest"],
	["ingest4", "./measures/ingest.js", "ingest4"],
	["official", "./measures/official.js", "official"],
	["tui", "./measures/tui.js", "tui"],
	["trickle", "./measures/trickle.js", "trickle"],
	["tmuxkeys", "./measures/tmux-keys.js", "tmuxKeys"],
	["frames", "./measures/frames.js", "frames"],
	["search", "./measures/search.js", "search"],
	["burst", "./measures/stream.js", "burst"],
	["keepalive", "./measures/stream.js", "keepalive"],
	["heap", "./measures/heap.js", "heap"],
	["startup", "./measures/startup.js", "startup"],
	["replay", "./measures/replay.js", "replay"],
	["history", "./measures/history.js", "history"],
	["scrollback", "./measures/scrollback.js", "scrollback"],
];

const { values } = parseArgs({
	options: { only: { type: "string" }, out: { type: "string" }, profile: { type: "boolean" } },
});
const config = loadConfig();
const only = values.only?.split(",").map((name) => name.trim());
const unknown = only?.filter((name) => !registry.some(([known]) => known === name)) ?? [];
if (unknown.length > 0) {
	process.stderr.write(
		`unknown measure ${unknown.join(", ")}; known: ${registry.map(([name]) => name).join(", ")}\n`,
	);
	process.exit(2);
}
const selected = registry.filter(([name]) => !only || only.includes(name));

const tmp = mkdtempSync(join(tmpdir(), "bctail-bench-"));
/** @type {Context} */
const ctx = {
	config,
	log: (line) => process.stderr.write(`${line}\n`),
	tmp,
	root,
	storeHash: "bench1234",
	token: "bench-token-not-a-secret-0123456789",
	// Even a client 50x slower than expected finishes within this; a hung one is cut off.
	timeoutMs: (events) => 30_000 + events * 2,
	profile: values.profile === true,
};

const rows = [];
const startedAt = new Date();
try {
	for (const [name, file, exported] of selected) {
		/** @type {Measure} */
		let measure = { name, title: name, run: async () => [] };
		try {
			measure = (await import(file))[exported];
		} catch (error) {
			ctx.log(`[${name}] could not load: ${error instanceof Error ? error.message : String(error)}`);
			rows.push(
				failedRow(
					name,
					name,
					`could not load: ${error instanceof Error ? error.message.split("\n")[0] : error}`,
				),
			);
			continue;
		}
		ctx.log(`[${measure.name}] ${measure.title}`);
		const began = Date.now();
		try {
			rows.push(...(await measure.run(ctx)));
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			ctx.log(`  failed: ${reason}`);
			rows.push(failedRow(measure.name, measure.title, `did not run: ${reason.split("\n")[0]}`));
		}
		ctx.log(`  (${((Date.now() - began) / 1000).toFixed(1)} s)`);
	}
} finally {
	rmSync(tmp, { recursive: true, force: true });
}

const machine = {
	host: hostname(),
	cpu: cpus()[0]?.model ?? "unknown",
	cores: cpus().length,
	memoryGb: Math.round(totalmem() / 2 ** 30),
	node: process.version,
	platform: `${process.platform} ${process.arch}`,
};
process.stdout.write(
	`\nbctail bench, ${startedAt.toISOString()}, scale ${config.scale}, ${config.reps} rep(s), ` +
		`${machine.cores} x ${machine.cpu}, node ${machine.node}\n\n${formatTable(rows)}\n`,
);
const folder = join(root, "bench", "results");
const file = values.out ?? join(folder, `${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
if (!values.out) mkdirSync(folder, { recursive: true });
writeFileSync(
	file,
	`${JSON.stringify({ date: startedAt.toISOString(), scale: config.scale, reps: config.reps, machine, rows }, null, "\t")}\n`,
);
process.stdout.write(`\nwritten: ${file}\n`);
