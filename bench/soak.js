/**
 * `npm run soak`: bctail under a long, hostile run. 5 projects, 1,000 events/s in total, every stream
 * ended by the server every 5 s, a fat event (300 KB) every 2 s, and every 30 s a fault on the next
 * project in turn: torn frame, stall, a burst of 503s, 429, replay, reset, a 200 that is text/html,
 * and hostile servers for 20 s each (every request of the project gets it): a 429 that says wait 0
 * (`X-Rate-Limit-Time-Reset-Ms: 0`, `Retry-After: 0`) and streams that end after one keep-alive or one
 * event. 10 minutes by default.
 *
 *   npm run soak                          10 minutes
 *   SOAK_MINUTES=2 npm run soak           2 minutes (or: node bench/soak.js --minutes 2)
 *   node bench/soak.js --minutes 1 --rate 400 --report-every 10 --fat-kb 100
 *
 * What runs where (chosen so the figures are bctail's own):
 * - This process is bctail as the TUI wires it, minus the drawing: the real stream clients (dist/)
 *   into the real store for 4 projects, with a subscriber reading every published snapshot. Its RSS,
 *   heap and event-loop delay are what is reported.
 * - The fifth project is tailed by the real line-mode CLI (`dist/bin.js --format json`), whose stdout
 *   goes through a pipe to a slow reader that stops reading for 8 s every 40 s (`lib/soak-reader.js`).
 * - A child (`lib/soak-emulator.js`) runs the emulator, the traffic and the faults, so the emulator's
 *   bookkeeping (it remembers every uuid it sent) and CPU do not count against bctail.
 *
 * Sent vs shown: the emulator's `sent()` lists the events it wrote whole to an open stream, once
 * each; events generated while no stream was open (a stall, a 503 burst) are lost by the API's
 * design and are not counted (line mode fills such gaps from history: those events are counted
 * apart). At the end the traffic stops, and each project's sent list is compared with what reached
 * the store, or stdout: the same count, and the same order-independent digest (two 32-bit hash sums
 * and an xor of the uuids), so a loss and a duplicate cannot cancel out. Duplicates are also counted
 * directly over a window of the last 10,000 uuids per project.
 *
 * Request rate: the emulator counts stream requests per project in 10 s buckets, and over each
 * hostile window. bctail promises at least 1 s between attempts after streams that end early, and
 * a 429's wait never shorter than the backoff step (0.5 s doubling): a window of W seconds may hold
 * at most W + 1 requests, and no 10 s bucket more than 12 (a naive client makes thousands).
 *
 * Memory is taken after a forced GC (kept out of the event-loop delay figures: those pauses are the
 * soak's, not bctail's) at every report, at the end of the warm-up and at the end. The warm-up lasts a
 * quarter of the run (at least 60 s) and until every pane's scrollback is full (at 200 events/s a
 * pane, about 100 s; never past two thirds of the run, and the summary says if it was not full): the
 * buffers are meant to fill, then nothing may grow. Growth from there to the end must stay within 10%.
 * The line-mode CLI's RSS (no forced GC there) may not end more than 25% above its warm-up level.
 *
 * Exit code 0 when every check passed, 1 otherwise. Prints progress every `--report-every` seconds,
 * then a summary and one JSON line.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checksOf, printSummary } from "./lib/soak-checks.js";
import { startPanes } from "./lib/soak-panes.js";
import { lineProject, paneProjects, projects, replies } from "./lib/soak-plan.js";

const { values: args } = parseArgs({
	options: {
		minutes: { type: "string" },
		rate: { type: "string", default: "1000" },
		"stream-end": { type: "string", default: "5" },
		"fault-every": { type: "string", default: "30" },
		window: { type: "string", default: "20" },
		"fat-kb": { type: "string", default: "300" },
		"fat-every": { type: "string", default: "2" },
		stall: { type: "string", default: "8" },
		"stall-every": { type: "string", default: "40" },
		"report-every": { type: "string", default: "30" },
	},
});

/** The options, checked: all positive numbers; times in ms. */
function settings() {
	const seconds = (name) => Number(args[name]) * 1000;
	const s = {
		minutes: Number(args.minutes ?? process.env.SOAK_MINUTES ?? 10),
		rate: Number(args.rate),
		streamEndMs: seconds("stream-end"),
		faultEveryMs: seconds("fault-every"),
		windowMs: seconds("window"),
		fatBytes: Number(args["fat-kb"]) * 1024,
		fatEveryMs: seconds("fat-every"),
		stallMs: seconds("stall"),
		stallEveryMs: seconds("stall-every"),
		reportEveryMs: seconds("report-every"),
	};
	for (const [name, value] of Object.entries(s)) {
		if (!(value > 0)) throw new Error(`soak: ${name} must be a positive number`);
	}
	if (s.windowMs >= s.faultEveryMs)
		throw new Error("soak: a hostile window must be shorter than --fault-every");
	if (s.stallMs >= s.stallEveryMs) throw new Error("soak: a stall must be shorter than --stall-every");
	return s;
}

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Forks a child with its options in `variable`; returns it with its typed replies. */
function child(path, variable, options, onOther) {
	const process_ = fork(here(path), [], {
		env: { ...process.env, [variable]: JSON.stringify(options) },
		stdio: ["ignore", "inherit", "inherit", "ipc"],
	});
	return { process: process_, reply: replies(process_, onOther) };
}

async function runSoak() {
	const s = settings();
	const durationMs = s.minutes * 60_000;
	const warmupMs = Math.min(durationMs / 2, Math.max(60_000, durationMs / 4));
	const started = Date.now();
	const elapsed = () => Math.round((Date.now() - started) / 1000);
	const faultLog = [];
	const windows = [];
	const emulator = child("./lib/soak-emulator.js", "SOAK_OPTIONS", s, (message) => {
		if (message.type === "fault") faultLog.push({ at: elapsed(), ...message });
		else if (message.type === "window") windows.push({ at: elapsed(), ...message });
		else return false;
		return true;
	});
	const ready = await emulator.reply("ready");
	const target = { origin: ready.origin, storeHash: ready.storeHash, token: ready.token };
	const reader = child("./lib/soak-reader.js", "SOAK_READER", {
		...target,
		projectUuid: lineProject.uuid,
		stallMs: s.stallMs,
		stallEveryMs: s.stallEveryMs,
	});
	await reader.reply("ready");
	const panes = await startPanes(target, elapsed);

	console.log(
		`soak: ${s.minutes} min, ${s.rate} events/s over ${projects.length} projects (${paneProjects.length} panes in process, 1 line-mode CLI behind a reader that stalls ${s.stallMs / 1000} s every ${s.stallEveryMs / 1000} s), streams end every ${s.streamEndMs / 1000} s, a ${Math.round(s.fatBytes / 1024)} KB event every ${s.fatEveryMs / 1000} s, a fault every ${s.faultEveryMs / 1000} s (hostile servers for ${s.windowMs / 1000} s), warm-up at least ${Math.round(warmupMs / 1000)} s`,
	);
	let lastShown = 0;
	const report = async () => {
		emulator.process.send({ type: "progress" });
		reader.process.send({ type: "progress" });
		const [progress, line] = [await emulator.reply("progress"), await reader.reply("progress")];
		const now = panes.totalShown();
		console.log(
			[
				`t=${String(elapsed()).padStart(4)} s`,
				`sent ${progress.sent} (fat ${progress.fatSent})`,
				`panes ${now} (${Math.round((now - lastShown) / (s.reportEveryMs / 1000))}/s)`,
				`line mode ${line.live}+${line.historyEvents} history, rss ${mb(line.rss)} MB${line.stalled ? " (reader stalled)" : ""}`,
				panes.line(),
				`faults ${faultLog.length}`,
			].join(" · "),
		);
		lastShown = now;
		return line;
	};
	const reporter = setInterval(() => void report(), s.reportEveryMs);

	// Warm-up: a quarter of the run, and until every pane's scrollback is full (evicting) and every
	// client's dedup window with it: from then on nothing may keep growing.
	while (elapsed() * 1000 < warmupMs || !panes.full()) {
		if (elapsed() * 1000 >= (durationMs * 2) / 3) break;
		await sleep(1000);
	}
	const warmedAt = elapsed();
	const full = panes.full();
	const warm = panes.collected();
	const lineWarm = await report();
	console.log(
		`warm-up done at ${warmedAt} s${full ? " (scrollback full)" : " (scrollback NOT full yet)"}: heap ${mb(warm.heapUsed)} MB, rss ${mb(warm.rss)} MB (after GC); line-mode rss ${mb(lineWarm.rss)} MB`,
	);
	await sleep(Math.max(0, durationMs - (Date.now() - started)));
	const end = panes.collected();
	clearInterval(reporter);
	const lineEnd = await report();

	// Stop the traffic, let what is in flight arrive (the reader may be stalled), then compare.
	emulator.process.send({ type: "stop" });
	const sent = await emulator.reply("sent");
	const lineDigest = await settleLine(reader, sent.digests[lineProject.uuid].count);
	await panes.settle(sent.digests);
	const paneResult = await panes.finish(sent.digests);
	reader.process.send({ type: "stop" });
	const stopped = await reader.reply("stopped");
	emulator.process.send({ type: "close" });

	const run = {
		...s,
		durationMs,
		warmedAt,
		full,
		warm,
		end,
		faultLog,
		windows,
		sent,
		panes: paneResult,
		line: { warmRss: lineWarm.rss, endRss: lineEnd.rss, digest: lineDigest, stopped },
	};
	const checks = checksOf(run);
	printSummary(run, checks);
	// The children's IPC channels would keep this process waiting once the summary is out.
	for (const each of [emulator, reader]) each.process.kill();
	process.exit(Object.values(checks).every(Boolean) ? 0 : 1);
}

/** Waits (up to 30 s: the reader may be in a stall) until stdout holds `count` live events. */
async function settleLine(reader, count) {
	const deadline = Date.now() + 30_000;
	for (;;) {
		reader.process.send({ type: "digest" });
		const digest = await reader.reply("digest");
		if (digest.digest.count >= count || Date.now() > deadline) return digest;
		await sleep(200);
	}
}

const mb = (bytes) => (bytes / 1048576).toFixed(1);

await runSoak();
