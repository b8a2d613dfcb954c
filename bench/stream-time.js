/**
 * The stream path in one process, as the reliability tests wire it: the emulator on loopback, a real
 * tail client, the real store as its sink. These were wall-clock limits inside correctness tests
 * (test/reliability/fault-matrix.test.ts), which a busy machine broke; here they are figures.
 *
 * Mode "burst": the emulator queues `events` small events at once; a "key" (pause or resume) is due every
 * 10 ms while they are parsed, and each is timed from when it was due (so waiting behind the ingest
 * counts) until a published snapshot shows it. Prints the key latencies' p95 and max and the ingest time.
 *
 * Mode "keepalive": keep-alives only, one every `keepAliveMs`, for `seconds`: the process's CPU time
 * (user + system, this process: emulator included) over the wall time. With `client: "floor"` the same
 * stream is read by a bare `fetch` loop that discards the bytes, for the reference.
 *
 * Usage: node bench/stream-time.js '{"mode":"burst","events":50000}'
 *        node bench/stream-time.js '{"mode":"keepalive","seconds":5,"keepAliveMs":10,"client":"bctail"}'
 * (prints one JSON line)
 */
import { performance } from "node:perf_hooks";
import { createEmulator } from "../dist/emulator/emulator.js";
import { createTailStore } from "../dist/store/store.js";
import { createTailClient } from "../dist/stream/tail-client.js";

/** @type {{ mode: "burst" | "keepalive", events?: number, seconds?: number, keepAliveMs?: number, client?: "bctail" | "floor" }} */
const options = JSON.parse(process.argv[2] ?? "{}");

/** Resolves once `check()` holds, looking every `ms` (the harness has no test runner's waitFor). */
async function until(check, ms = 5) {
	while (!check()) await new Promise((resolve) => setTimeout(resolve, ms));
}

/** The store as the sink of one client, with jitter off. */
function tailInto(emulator, store, project) {
	store.addProject(project, "bench");
	const client = createTailClient({
		target: { origin: emulator.origin, storeHash: emulator.storeHash, token: emulator.token },
		projectUuid: project,
		random: () => 1,
		sink: {
			event: (uuid, event) => store.event(uuid, event),
			status: (uuid, status) => store.status(uuid, status),
			gap: (uuid, gap) => store.gap(uuid, gap),
			skip: (uuid, cause) => store.skip(uuid, cause),
		},
	});
	client.start();
	return client;
}

const percentile = (values, p) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

async function burst(events) {
	const emulator = await createEmulator({ rate: 0, keepAliveMs: 50, streamEndMs: 0 });
	const project = emulator.projects[0].uuid;
	const store = createTailStore({ scrollback: events * 2 });
	const client = tailInto(emulator, store, project);
	await until(() => client.status.phase === "live");

	const latencies = [];
	/** @type {boolean | null} */
	let expectPaused = null;
	let actionDue = 0;
	const unsubscribe = store.subscribe(() => {
		if (expectPaused !== null && store.getSnapshot().panes[0]?.paused === expectPaused) {
			latencies.push(performance.now() - actionDue);
			expectPaused = null;
		}
	});
	let probing = true;
	let due = 0;
	const probe = () => {
		if (!probing) return;
		if (expectPaused === null) {
			actionDue = due;
			expectPaused = !store.getSnapshot().panes[0]?.paused;
			store.togglePause(project);
		}
		due = performance.now() + 10;
		setTimeout(probe, 10);
	};
	for (let i = 0; i < events; i++) {
		emulator.push(project, {
			uuid: `b0000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`,
			logs: [{ level: "info", messages: [`m${i}`] }],
		});
	}
	// Timing starts once the emulator (in this same process) has queued the burst: its own
	// synchronous writes are not bctail's doing.
	const began = performance.now();
	due = began;
	probe();
	await until(() => client.status.counters.events >= events);
	const ingestMs = performance.now() - began;
	probing = false;
	unsubscribe();
	await client.stop();
	store.dispose();
	await emulator.close();
	return {
		events: client.status.counters.events,
		ingestMs,
		keys: latencies.length,
		p95Ms: percentile(latencies, 95),
		maxMs: Math.max(...latencies),
	};
}

/** Reads the stream with a bare fetch and throws the bytes away; returns a stop function. */
function floorReader(emulator, project) {
	const controller = new AbortController();
	let bytes = 0;
	const done = (async () => {
		const url = `${emulator.origin}/stores/${emulator.storeHash}/v3/infrastructure/logs/${project}/tail`;
		const response = await fetch(url, {
			headers: { "X-Auth-Token": emulator.token, Accept: "text/event-stream" },
			signal: controller.signal,
		});
		const reader = response.body.getReader();
		for (;;) {
			const { done: ended, value } = await reader.read();
			if (ended) return;
			bytes += value.byteLength;
		}
	})().catch(() => undefined);
	return {
		bytes: () => bytes,
		stop: async () => {
			controller.abort();
			await done;
		},
	};
}

async function keepalive(seconds, keepAliveMs, which) {
	const emulator = await createEmulator({ rate: 0, keepAliveMs, streamEndMs: 0 });
	const project = emulator.projects[0].uuid;
	emulator.fault(project, { fault: { kind: "keepalive-only" }, times: Number.POSITIVE_INFINITY });
	const store = createTailStore();
	const client = which === "floor" ? null : tailInto(emulator, store, project);
	const floor = which === "floor" ? floorReader(emulator, project) : null;
	const bytes = () => client?.status.counters.bytes ?? floor?.bytes() ?? 0;
	await until(() => bytes() > 0);
	const cpuBefore = process.cpuUsage();
	const began = performance.now();
	await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
	const cpu = process.cpuUsage(cpuBefore);
	const wallMs = performance.now() - began;
	const requests = emulator.requests(project);
	await client?.stop();
	await floor?.stop();
	store.dispose();
	await emulator.close();
	return { cpuShare: (cpu.user + cpu.system) / 1000 / wallMs, wallMs, requests };
}

const result =
	options.mode === "burst"
		? await burst(options.events ?? 50_000)
		: await keepalive(options.seconds ?? 5, options.keepAliveMs ?? 10, options.client ?? "bctail");
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
