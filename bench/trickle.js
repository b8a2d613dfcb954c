/**
 * A tail left open all day: real stream clients reading the bench server (run by the parent, so its
 * CPU is not counted here) into the real store, with the real Ink app drawing into a fake TTY (or, for
 * the floor, no app at all: `ui: false`). Phases: trickle (`total` events, which the server paces a few
 * a second over all panes), or idle (`total` 0: keep-alives only, one a second per stream, measured for
 * `idleSeconds` after `settleSeconds` of start-up). Per phase: CPU of this
 * process (`process.cpuUsage`, all threads) as a share of one core, and frames written.
 *
 * Usage: node bench/trickle.js '<json options>'   (prints one JSON line; started by measures/trickle.js)
 */
import { EventEmitter } from "node:events";
import { enableCompileCache } from "node:module";
import { performance } from "node:perf_hooks";
import { Writable } from "node:stream";
import { loadTui } from "../dist/cli/load-tui.js";
import { createTailStore } from "../dist/store/store.js";
import { createTailClient } from "../dist/stream/tail-client.js";
import { createFakeStdin, createFakeStdout } from "./lib/fake-tty.js";

enableCompileCache?.();
process.env.FORCE_COLOR ??= "2";

/**
 * @type {{ origin: string, storeHash: string, token: string, projects: { uuid: string, name: string }[],
 *   total: number, width: number, height: number, settleSeconds: number, idleSeconds: number, ui: boolean,
 *   timeoutMs: number }}
 */
const options = JSON.parse(process.argv[2] ?? "{}");
const deadline = performance.now() + options.timeoutMs;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const store = createTailStore();
for (const project of options.projects) store.addProject(project.uuid, project.name);
const { stream: stdout, state: screen } = createFakeStdout(options.width, options.height);
let tui = null;
let stopTui = () => {};
if (options.ui) {
	const loaded = await loadTui();
	stopTui = loaded.stopTui;
	const stderr = new Writable({ write: (_chunk, _encoding, callback) => callback() });
	tui = loaded.runTui({
		store,
		stdout,
		stdin: createFakeStdin(),
		stderr,
		signals: new EventEmitter(),
		stopProcess: () => {},
	});
	while (screen.frames === 0 && performance.now() < deadline) await sleep(5);
}

let received = 0;
/** @type {() => void} */
let allReceived = () => {};
const done = new Promise((resolve) => {
	allReceived = () => resolve(undefined);
});
const sink = {
	event(project, event) {
		received++;
		store.event(project, event);
		if (received === options.total) allReceived();
	},
	status: (project, status) => store.status(project, status),
	gap: (project, gap) => store.gap(project, gap),
	skip: (project, cause) => store.skip(project, cause),
};

function openPhase(name) {
	return {
		name,
		began: performance.now(),
		cpu: process.cpuUsage(),
		frames: screen.frames,
		bytes: screen.bytes,
	};
}
function closePhase(phase) {
	const wallMs = performance.now() - phase.began;
	const cpu = process.cpuUsage(phase.cpu);
	return {
		name: phase.name,
		wallMs,
		cpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
		frames: screen.frames - phase.frames,
		framesPerSec: ((screen.frames - phase.frames) * 1000) / wallMs,
		bytesPerSec: ((screen.bytes - phase.bytes) * 1000) / wallMs,
	};
}

const clients = options.projects.map((project) =>
	createTailClient({
		target: { origin: options.origin, storeHash: options.storeHash, token: options.token },
		projectUuid: project.uuid,
		sink,
	}),
);
for (const client of clients) client.start();
const results = [];
if (options.total > 0) {
	// Connections and the first frames with rows are start-up, not the steady state: wait for 3 events.
	while (received < 3 && performance.now() < deadline) await sleep(10);
	const phase = openPhase("trickle");
	await Promise.race([done, sleep(Math.max(0, deadline - performance.now()))]);
	results.push(closePhase(phase));
}
if (options.idleSeconds > 0) {
	// Start-up (connections, the first frames) is not the steady state.
	await sleep(options.settleSeconds * 1000);
	const phase = openPhase("idle");
	await sleep(options.idleSeconds * 1000);
	results.push(closePhase(phase));
}

await Promise.all(clients.map((client) => client.stop()));
stopTui();
await tui;
store.dispose();
process.stdout.write(`${JSON.stringify({ received, expected: options.total, phases: results })}\n`);
process.exit(0);
