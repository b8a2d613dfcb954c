/**
 * `npm run soak`: bctail under a long, hostile run. 4 projects, 1,000 events/s in total, every stream
 * ended by the server every 5 s, and every 30 s a fault from the matrix on the next project in turn
 * (torn frame, stall, a burst of 503s, 429, replay, reset). 10 minutes by default.
 *
 *   npm run soak                          10 minutes
 *   SOAK_MINUTES=2 npm run soak           2 minutes (or: node bench/soak.js --minutes 2)
 *   node bench/soak.js --minutes 1 --rate 400 --report-every 10
 *
 * What runs where (chosen so the figures are bctail's own):
 * - This process is bctail as the TUI wires it, minus the drawing: the real stream clients (dist/)
 *   into the real store, with a subscriber reading every published snapshot. Its RSS, heap and
 *   event-loop delay are what is reported.
 * - A child process (this same file, `--emulator`) runs the emulator and the traffic, so the
 *   emulator's bookkeeping (it remembers every uuid it sent) and CPU do not count against bctail.
 *
 * Sent vs shown: the emulator's `sent()` lists the events it wrote whole to an open stream, once
 * each; events generated while no stream was open (a stall, a 503 burst) are lost by the API's
 * design and are not counted. At the end the traffic stops, and each project's sent list is compared
 * with what reached the store: the same count, and the same order-independent digest (two 32-bit
 * hash sums and an xor of the uuids), so a loss and a duplicate cannot cancel out. Duplicates are also
 * counted directly over a window of the last 10,000 uuids per project.
 *
 * Memory is taken after a forced GC (kept out of the event-loop delay figures: those pauses are the
 * soak's, not bctail's) at every report, at the end of the warm-up and at the end. The warm-up lasts a
 * quarter of the run (at least 60 s) and until every pane's scrollback is full (at ~1,000 events/s,
 * about 80 s; never past two thirds of the run, and the summary says if it was not full): the
 * buffers are meant to fill, then nothing may grow. Growth from there to the end must stay within 10%.
 *
 * Exit code 0 when every check passed, 1 otherwise. Prints progress every `--report-every` seconds,
 * then a summary and one JSON line.
 */
import { fork } from "node:child_process";
import { createHistogram, performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const { values: args } = parseArgs({
	options: {
		emulator: { type: "boolean", default: false },
		minutes: { type: "string" },
		rate: { type: "string", default: "1000" },
		"stream-end": { type: "string", default: "5" },
		"fault-every": { type: "string", default: "30" },
		"report-every": { type: "string", default: "30" },
	},
});

const projects = [
	{ uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a5001", name: "soak-production", hostnames: ["a.soak.example"] },
	{ uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a5002", name: "soak-preview", hostnames: ["b.soak.example"] },
	{ uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a5003", name: "soak-outlet", hostnames: ["c.soak.example"] },
	{ uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a5004", name: "soak-wholesale", hostnames: ["d.soak.example"] },
];

/** The faults, in rotation; each applies to the next stream request of one project. */
const faults = [
	{ name: "torn", rule: { fault: { kind: "torn" } } },
	{ name: "stall", rule: { fault: { kind: "stall" } } },
	{ name: "503 burst", rule: { fault: { kind: "status", status: 503 }, times: 3 } },
	{
		name: "429",
		rule: { fault: { kind: "status", status: 429, headers: { "X-Rate-Limit-Time-Reset-Ms": "2000" } } },
	},
	{ name: "replay", rule: { fault: { kind: "replay" } } },
	{ name: "reset", rule: { fault: { kind: "reset" } } },
	// Round two (issue 13): "wait 0" must still back off; a 200 that is not a stream is not live.
	{
		name: "429 wait 0",
		rule: {
			fault: { kind: "status", status: 429, headers: { "X-Rate-Limit-Time-Reset-Ms": "0" } },
			times: 3,
		},
	},
	{
		name: "200 text/html",
		rule: {
			fault: {
				kind: "status",
				status: 200,
				headers: { "Content-Type": "text/html" },
				body: "<html>login</html>",
			},
		},
	},
];

/** Two 32-bit hashes of a string (FNV-1a and djb2), for the digests. */
function hashes(text) {
	let fnv = 0x811c9dc5;
	let djb = 5381;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		fnv = Math.imul(fnv ^ code, 0x01000193);
		djb = (Math.imul(djb, 33) + code) | 0;
	}
	return [fnv >>> 0, djb >>> 0];
}

/** An order-independent summary of a set of uuids: count, two hash sums mod 2^32, an xor. */
class Digest {
	count = 0;
	sumA = 0;
	sumB = 0;
	xor = 0;
	add(uuid) {
		const [a, b] = hashes(uuid);
		this.count += 1;
		this.sumA = (this.sumA + a) >>> 0;
		this.sumB = (this.sumB + b) >>> 0;
		this.xor = (this.xor ^ a) >>> 0;
	}
	toJSON() {
		return { count: this.count, sumA: this.sumA, sumB: this.sumB, xor: this.xor };
	}
}

if (args.emulator) await runEmulatorChild();
else await runSoak();

// ---- the child: emulator, traffic and faults ------------------------------------------------------

async function runEmulatorChild() {
	const { createEmulator } = await import("../dist/emulator/emulator.js");
	const { createTrafficGenerator } = await import("../dist/emulator/traffic.js");
	const { startTrafficPump } = await import("../dist/emulator/traffic-pump.js");
	const options = JSON.parse(process.env.SOAK_OPTIONS ?? "{}");
	const emulator = await createEmulator({
		rate: 0,
		projects,
		keepAliveMs: 1000,
		streamEndMs: options.streamEndMs,
	});
	// Generated here (not by the emulator's own pump) so the traffic can be stopped for the final count.
	const generators = new Map(
		projects.map((project) => [
			project.uuid,
			createTrafficGenerator(7, project.uuid, { hostile: false, hostnames: project.hostnames }),
		]),
	);
	let generated = 0;
	const stopTraffic = startTrafficPump({
		projectUuids: projects.map((project) => project.uuid),
		rate: options.rate / projects.length,
		seed: 7,
		emit(projectUuid, at) {
			const event = generators.get(projectUuid)?.next(at);
			if (event === undefined) return;
			generated += 1;
			emulator.push(projectUuid, event);
		},
	});
	let faultIndex = 0;
	const faultTimer = setInterval(() => {
		const fault = faults[faultIndex % faults.length];
		const project = projects[faultIndex % projects.length];
		faultIndex += 1;
		emulator.fault(project.uuid, fault.rule);
		process.send?.({ type: "fault", name: fault.name, project: project.name });
	}, options.faultEveryMs);

	// The parent gone (finished or killed): nothing left to serve.
	process.on("disconnect", () => process.exit(0));
	process.send?.({
		type: "ready",
		origin: emulator.origin,
		storeHash: emulator.storeHash,
		token: emulator.token,
	});
	process.on("message", async (message) => {
		if (message.type === "progress") {
			let sent = 0;
			for (const project of projects) sent += emulator.sent(project.uuid).length;
			process.send?.({ type: "progress", sent, generated });
		} else if (message.type === "stop") {
			stopTraffic();
			clearInterval(faultTimer);
			emulator.clearFaults();
			// Frames already written are on their way; nothing new is written from here on.
			const digests = {};
			for (const project of projects) {
				const digest = new Digest();
				for (const uuid of emulator.sent(project.uuid)) digest.add(uuid);
				digests[project.uuid] = digest.toJSON();
			}
			process.send?.({ type: "sent", digests, generated });
		} else if (message.type === "close") {
			await emulator.close();
			process.exit(0);
		}
	});
}

// ---- the parent: bctail ---------------------------------------------------------------------------

async function runSoak() {
	const minutes = Number(args.minutes ?? process.env.SOAK_MINUTES ?? 10);
	const rate = Number(args.rate);
	const streamEndMs = Number(args["stream-end"]) * 1000;
	const faultEveryMs = Number(args["fault-every"]) * 1000;
	const reportEveryMs = Number(args["report-every"]) * 1000;
	for (const [name, value] of Object.entries({ minutes, rate, streamEndMs, faultEveryMs, reportEveryMs })) {
		if (!(value > 0)) throw new Error(`soak: ${name} must be a positive number`);
	}
	const durationMs = minutes * 60_000;
	const warmupMs = Math.min(durationMs / 2, Math.max(60_000, durationMs / 4));
	// (and see below: also until the buffers are full, but never past two thirds of the run)

	const { createTailClient } = await import("../dist/stream/tail-client.js");
	const { createTailStore } = await import("../dist/store/store.js");
	setFlagsFromString("--expose-gc");
	const gc = runInNewContext("gc");

	const child = fork(fileURLToPath(import.meta.url), ["--emulator"], {
		env: { ...process.env, SOAK_OPTIONS: JSON.stringify({ rate, streamEndMs, faultEveryMs }) },
		stdio: ["ignore", "inherit", "inherit", "ipc"],
	});
	const replies = [];
	const waiters = [];
	child.on("message", (message) => {
		if (message.type === "fault") {
			faultLog.push({ at: elapsed(), ...message });
			return;
		}
		const waiter = waiters.findIndex((entry) => entry.type === message.type);
		if (waiter === -1) replies.push(message);
		else waiters.splice(waiter, 1)[0].resolve(message);
	});
	const reply = (type) =>
		new Promise((resolve) => {
			const index = replies.findIndex((message) => message.type === type);
			if (index !== -1) resolve(replies.splice(index, 1)[0]);
			else waiters.push({ type, resolve });
		});
	const start = performance.now();
	const elapsed = () => Math.round((performance.now() - start) / 1000);
	const faultLog = [];
	const ready = await reply("ready");
	const target = { origin: ready.origin, storeHash: ready.storeHash, token: ready.token };

	// The store as the TUI uses it: one pane per project, a viewport each, snapshots read on publish.
	const store = createTailStore();
	for (const project of projects) {
		store.addProject(project.uuid, project.name);
		store.setViewport(project.uuid, 40);
	}
	let publishes = 0;
	store.subscribe(() => {
		publishes += store.getSnapshot().panes.length > 0 ? 1 : 0;
	});

	/** Per project: what reached the store, and recent uuids to count duplicates directly. */
	const shown = new Map(
		projects.map((project) => [project.uuid, { digest: new Digest(), recent: new Set(), order: [] }]),
	);
	// Server replays reach at most 1,000 events back: a window of 10,000 sees any duplicate they cause.
	const duplicateWindow = 10_000;
	let duplicates = 0;
	let gaps = 0;
	const skips = { torn: 0, json: 0, shape: 0, oversize: 0 };
	const statuses = new Map();
	const sink = {
		event(projectUuid, event) {
			const record = shown.get(projectUuid);
			if (record.recent.has(event.uuid)) duplicates += 1;
			record.recent.add(event.uuid);
			record.order.push(event.uuid);
			if (record.order.length > duplicateWindow) record.recent.delete(record.order.shift());
			record.digest.add(event.uuid);
			store.event(projectUuid, event);
		},
		status(projectUuid, status) {
			statuses.set(projectUuid, status);
			store.status(projectUuid, status);
		},
		gap(projectUuid, gap) {
			gaps += 1;
			store.gap(projectUuid, gap);
		},
		skip(projectUuid, cause) {
			skips[cause] += 1;
			store.skip(projectUuid, cause);
		},
	};
	const clients = projects.map((project) =>
		// The soak's 5 s stream ends stand for the routine 60 s ones, not streams that "ended early".
		createTailClient({ target, projectUuid: project.uuid, sink, idleTimeoutMs: 5000, minStreamMs: 0 }),
	);
	for (const client of clients) client.start();

	// Event-loop delay: how late a 10 ms timer fires (what a key press or a frame would wait), for the
	// whole run and per report window. Measured by hand rather than with monitorEventLoopDelay so the
	// soak's own forced collections can be left out (a disabled monitor still counts them).
	const eldTotal = createHistogram();
	const eldWindow = createHistogram();
	let lastTick = performance.now();
	const eldProbe = setInterval(() => {
		const now = performance.now();
		const late = Math.max(1, Math.round((now - lastTick - 10) * 1e6));
		eldTotal.record(late);
		eldWindow.record(late);
		lastTick = now;
	}, 10);
	const samples = [];
	const sample = () => {
		const { rss, heapUsed } = process.memoryUsage();
		samples.push({ t: elapsed(), rss, heapUsed });
	};
	const sampler = setInterval(sample, 5000);
	const mb = (bytes) => (bytes / 1048576).toFixed(1);
	const ms = (ns) => (ns / 1e6).toFixed(1);
	const totalShown = () => [...shown.values()].reduce((sum, record) => sum + record.digest.count, 0);
	const counter = (name) => clients.reduce((sum, client) => sum + client.status.counters[name], 0);
	/**
	 * Memory after full collections: what is really kept. Ends the event-loop delay window, and leaves
	 * the forced pause out of the figures: it is not bctail's.
	 */
	const collected = () => {
		const window = { p99: eldWindow.percentile(99), max: eldWindow.max };
		eldWindow.reset();
		for (let i = 0; i < 3; i++) gc();
		const memory = process.memoryUsage();
		lastTick = performance.now();
		return { ...memory, window };
	};
	let lastShown = 0;
	const report = async () => {
		child.send({ type: "progress" });
		const progress = await reply("progress");
		const now = totalShown();
		const { rss, heapUsed, window } = collected();
		console.log(
			[
				`t=${String(elapsed()).padStart(4)} s`,
				`sent ${progress.sent}`,
				`shown ${now}`,
				`${Math.round((now - lastShown) / (reportEveryMs / 1000))}/s`,
				`rss ${mb(rss)} MB`,
				`heap after GC ${mb(heapUsed)} MB`,
				`eld p99 ${ms(window.p99)} ms (max ${ms(window.max)})`,
				`reconnects ${counter("reconnects")}`,
				`gaps ${gaps}`,
				`client-dropped replays ${counter("duplicates")}`,
				`duplicates ${duplicates}`,
				`faults ${faultLog.length}`,
			].join(" · "),
		);
		lastShown = now;
	};
	const reporter = setInterval(() => void report(), reportEveryMs);

	console.log(
		`soak: ${minutes} min, ${rate} events/s over ${projects.length} projects, streams end every ${streamEndMs / 1000} s, a fault every ${faultEveryMs / 1000} s, warm-up at least ${Math.round(warmupMs / 1000)} s`,
	);
	// Warm-up: a quarter of the run, and until every pane's scrollback is full (evicting) and every
	// client's dedup window with it: from then on nothing may keep growing.
	const panesFull = () => {
		store.flush();
		const panes = store.getSnapshot().panes;
		return panes.length === projects.length && panes.every((pane) => pane.evicted > 0);
	};
	while (elapsed() * 1000 < warmupMs || !panesFull()) {
		if (elapsed() * 1000 >= (durationMs * 2) / 3) break;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	const warmedAt = elapsed();
	const warm = collected();
	console.log(
		`warm-up done at ${warmedAt} s${panesFull() ? " (scrollback full)" : " (scrollback NOT full yet)"}: heap ${mb(warm.heapUsed)} MB, rss ${mb(warm.rss)} MB (after GC)`,
	);
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, durationMs - (performance.now() - start))));
	const end = collected();
	clearInterval(reporter);
	clearInterval(sampler);

	// Stop the traffic, let what is in flight arrive, then compare.
	child.send({ type: "stop" });
	const sent = await reply("sent");
	const deadline = performance.now() + 15_000;
	const settled = () =>
		projects.every((project) => shown.get(project.uuid).digest.count >= sent.digests[project.uuid].count);
	while (!settled() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
	const stoppedProjects = clients.filter((client) => client.status.phase === "stopped").length;
	clearInterval(eldProbe);
	const eldP99 = eldTotal.percentile(99) / 1e6;
	const eldMax = eldTotal.max / 1e6;
	store.flush();
	const panes = new Map(store.getSnapshot().panes.map((pane) => [pane.id, pane]));
	const perProject = projects.map((project) => {
		const got = shown.get(project.uuid).digest.toJSON();
		const want = sent.digests[project.uuid];
		return {
			project: project.name,
			sent: want.count,
			shown: got.count,
			inStore: panes.get(project.uuid)?.totals.events ?? 0,
			same: JSON.stringify(got) === JSON.stringify(want),
		};
	});
	await Promise.all(clients.map((client) => client.stop()));
	store.dispose();
	child.send({ type: "close" });

	const heapGrowth = (end.heapUsed - warm.heapUsed) / warm.heapUsed;
	const rssGrowth = (end.rss - warm.rss) / warm.rss;
	const checks = {
		"sent = shown (count and digest, every project)": perProject.every((row) => row.same),
		"every shown event is in the store": perProject.every((row) => row.inStore === row.shown),
		"duplicates = 0": duplicates === 0,
		"heap growth after warm-up <= 10%": heapGrowth <= 0.1,
		"RSS growth after warm-up <= 10%": rssGrowth <= 0.1,
		// A short run has time for fewer faults than there are kinds.
		"every fault due was applied, each kind in turn":
			new Set(faultLog.map((fault) => fault.name)).size >=
			Math.min(faults.length, Math.floor((durationMs - 1000) / faultEveryMs)),
		"no project stopped": stoppedProjects === 0,
	};
	console.log("\nper project:");
	for (const row of perProject) {
		console.log(
			`  ${row.project.padEnd(16)} sent ${row.sent}  shown ${row.shown}  in store ${row.inStore}  ${row.same ? "same set" : "DIFFERENT"}`,
		);
	}
	console.log("\nmemory (every 5 s; MB):");
	console.log(`  t      ${samples.map((s) => String(s.t).padStart(6)).join("")}`);
	console.log(`  rss    ${samples.map((s) => mb(s.rss).padStart(6)).join("")}`);
	console.log(`  heap   ${samples.map((s) => mb(s.heapUsed).padStart(6)).join("")}`);
	console.log(
		`  after GC: warm-up heap ${mb(warm.heapUsed)} → end ${mb(end.heapUsed)} (${(heapGrowth * 100).toFixed(1)}%), rss ${mb(warm.rss)} → ${mb(end.rss)} (${(rssGrowth * 100).toFixed(1)}%)`,
	);
	console.log(`\nevent-loop delay: p99 ${eldP99.toFixed(1)} ms, max ${eldMax.toFixed(1)} ms`);
	console.log(
		`faults applied (${faultLog.length}): ${faultLog.map((fault) => `${fault.at}s ${fault.name} → ${fault.project}`).join(", ")}`,
	);
	console.log(
		`reconnects ${counter("reconnects")}, gaps ${gaps}, skipped ${JSON.stringify(skips)}, replayed events dropped by the clients ${counter("duplicates")}, publishes ${publishes}, events generated ${sent.generated}`,
	);
	console.log("\nchecks:");
	for (const [name, ok] of Object.entries(checks)) console.log(`  ${ok ? "ok  " : "FAIL"} ${name}`);
	console.log(
		JSON.stringify({
			minutes,
			rate,
			perProject,
			duplicates,
			warmedAt,
			heap: { warm: warm.heapUsed, end: end.heapUsed, growth: heapGrowth },
			rss: { warm: warm.rss, end: end.rss, growth: rssGrowth },
			eventLoopDelayMs: { p99: eldP99, max: eldMax },
			reconnects: counter("reconnects"),
			gaps,
			skips,
			faults: faultLog.length,
			checks,
		}),
	);
	process.exitCode = Object.values(checks).every(Boolean) ? 0 : 1;
}
