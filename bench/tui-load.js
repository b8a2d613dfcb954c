/**
 * The TUI under load, end to end in one process: real stream clients reading the bench server (run
 * by the parent, so its CPU is not counted here), the real store, and the real Ink app (`runTui`)
 * drawing into a fake 200x50 TTY. Phases: paced (the server's paced part), fast (the rest as fast as
 * it comes), idle (no events, same screen). In every phase a prober types `p` (pause all) and times
 * until a frame shows "PAUSED", then types `p` again and waits for the frame without it.
 *
 * Usage: node bench/tui-load.js '<json options>'   (prints one JSON line; started by measures/tui.js)
 */
import { EventEmitter } from "node:events";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { enableCompileCache } from "node:module";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { Writable } from "node:stream";
import { loadTui } from "../dist/cli/load-tui.js";
import { createTailStore } from "../dist/store/store.js";
import { createTailClient } from "../dist/stream/tail-client.js";
import { createFakeStdin, createFakeStdout } from "./lib/fake-tty.js";

// Load the Ink app the way the CLI does (bin.ts, cli/load-tui.ts): the compile cache on, and React's
// build chosen by NODE_ENV (production unless the environment says otherwise), so the bench measures
// what users run. Colours too: chalk decides them from this process's stdout, a pipe to the bench,
// where a user's terminal has colours (TERM=xterm-256color); every styled span costs Ink escape codes.
enableCompileCache?.();
process.env.FORCE_COLOR ??= "2";
const { runTui, stopTui } = await loadTui();

/**
 * @type {{ origin: string, storeHash: string, token: string, projects: { uuid: string, name: string }[],
 *   pacedTotal: number, total: number, width: number, height: number, idleSeconds: number,
 *   keyIntervalMs: number, profile: string | null, timeoutMs: number }}
 */
const options = JSON.parse(process.argv[2] ?? "{}");
const deadline = performance.now() + options.timeoutMs;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const store = createTailStore();
for (const project of options.projects) store.addProject(project.uuid, project.name);
const { stream: stdout, state: screen } = createFakeStdout(options.width, options.height);
const stdin = createFakeStdin();
const stderr = new Writable({ write: (_chunk, _encoding, callback) => callback() });
const tui = runTui({ store, stdout, stdin, stderr, signals: new EventEmitter(), stopProcess: () => {} });
while (screen.frames === 0 && performance.now() < deadline) await sleep(5);

/** One phase's counters: taken at its start, closed at its end. */
function openPhase(name) {
	const eld = monitorEventLoopDelay({ resolution: 1 });
	eld.enable();
	return {
		name,
		eld,
		began: performance.now(),
		cpu: process.cpuUsage(),
		elu: performance.eventLoopUtilization(),
		frames: screen.frames,
		bytes: screen.bytes,
		events: received,
		/** @type {number[]} */
		keys: [],
	};
}

function closePhase(phase) {
	const wallMs = performance.now() - phase.began;
	const cpu = process.cpuUsage(phase.cpu);
	phase.eld.disable();
	const ms = (ns) => ns / 1e6;
	return {
		name: phase.name,
		wallMs,
		events: received - phase.events,
		eventsPerSec: ((received - phase.events) * 1000) / wallMs,
		cpuCores: (cpu.user + cpu.system) / 1000 / wallMs,
		/** The main thread's busy share (the rest of cpuCores is GC and I/O threads). */
		mainThread: performance.eventLoopUtilization(phase.elu).utilization,
		eld: {
			p50: ms(phase.eld.percentile(50)),
			p99: ms(phase.eld.percentile(99)),
			max: ms(phase.eld.max),
		},
		framesPerSec: ((screen.frames - phase.frames) * 1000) / wallMs,
		bytesPerSec: ((screen.bytes - phase.bytes) * 1000) / wallMs,
		keys: phase.keys,
	};
}

let received = 0;
/** @type {ReturnType<typeof openPhase>} */
let phase = openPhase("warm-up");
const results = [];
/** @type {() => void} */
let allReceived = () => {};
const done = new Promise((resolve) => {
	allReceived = () => resolve(undefined);
});
const sink = {
	event(project, event) {
		received++;
		store.event(project, event);
		if (received === options.pacedTotal) {
			results.push(closePhase(phase));
			phase = openPhase("fast");
		}
		if (received === options.total) allReceived();
	},
	status: (project, status) => store.status(project, status),
	gap: (project, gap) => store.gap(project, gap),
	skip: (project, cause) => store.skip(project, cause),
};

/**
 * Types `p` until the app shows PAUSED, then `p` again until it does not; records the first latency
 * in the phase current at the time. Runs until `stopProbing` is set.
 */
let stopProbing = false;
async function probe() {
	while (!stopProbing && performance.now() < deadline) {
		await sleep(options.keyIntervalMs);
		for (const [want, record] of [
			[true, true],
			[false, false],
		]) {
			const sent = performance.now();
			const current = phase;
			const seen = new Promise((resolve) => {
				screen.inspect = (text) => {
					if (text.includes("PAUSED") === want) resolve(performance.now());
				};
				setTimeout(() => resolve(Number.NaN), 2000);
			});
			stdin.write("p");
			const at = await seen;
			screen.inspect = null;
			if (record) current.keys.push(at - sent);
		}
	}
}

let profiler = null;
if (options.profile) {
	profiler = new Session();
	profiler.connect();
	await profiler.post("Profiler.enable");
	await profiler.post("Profiler.start");
}

const clients = options.projects.map((project) =>
	createTailClient({
		target: { origin: options.origin, storeHash: options.storeHash, token: options.token },
		projectUuid: project.uuid,
		sink,
	}),
);
phase = openPhase("paced");
const prober = probe();
for (const client of clients) client.start();
await Promise.race([done, sleep(Math.max(0, deadline - performance.now()))]);
results.push(closePhase(phase));
let cpuProfile = null;
if (profiler) {
	({ profile: cpuProfile } = await profiler.post("Profiler.stop"));
}
store.flush();
await sleep(100);
const storeTotal = store.getSnapshot().panes.reduce((sum, pane) => sum + pane.totals.events, 0);

phase = openPhase("idle");
await sleep(options.idleSeconds * 1000);
results.push(closePhase(phase));
stopProbing = true;
await prober;

await Promise.all(clients.map((client) => client.stop()));
stopTui();
await tui;
store.dispose();
if (cpuProfile && options.profile) writeFileSync(options.profile, JSON.stringify(cpuProfile));
process.stdout.write(
	`${JSON.stringify({ received, storeTotal, expected: options.total, phases: results })}\n`,
);
process.exit(0);
