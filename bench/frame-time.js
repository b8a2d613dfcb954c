/**
 * Frame time: the real app (`runTui`) in a fake TTY of the given size with one pane scrolling. Each
 * frame: a few new events into the store, `flush()` (the store publishes), and the clock stops when
 * the frame has been written to the terminal (React render, layout, Ink output and write, all
 * synchronous from the publish). Frames are spaced beyond Ink's 30 fps throttle so each renders at once.
 *
 * Usage: node bench/frame-time.js '{"columns":80,"rows":24,"frames":200}'   (prints one JSON line)
 */
import { EventEmitter } from "node:events";
import { performance } from "node:perf_hooks";
import { Writable } from "node:stream";
import { createTailStore } from "../dist/store/store.js";
import { runTui, stopTui } from "../dist/ui/run-tui.js";
import { tailEvents } from "./lib/events.js";
import { createFakeStdin, createFakeStdout } from "./lib/fake-tty.js";
import { distribution } from "./lib/stats.js";

/** @type {{ columns: number, rows: number, frames: number }} */
const options = JSON.parse(process.argv[2] ?? "{}");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const tick = () => new Promise((resolve) => setImmediate(resolve));
const uuid = "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a5001";
const perFrame = 3;
const warmup = 30;
const events = [...tailEvents(uuid, (options.frames + warmup) * perFrame + 200)];

const store = createTailStore();
store.addProject(uuid, "frame-bench");
// A pane with history: it scrolls from the first frame on.
for (const event of events.splice(0, 200)) store.event(uuid, event);
const { stream: stdout, state: screen } = createFakeStdout(options.columns, options.rows);
const stderr = new Writable({ write: (_chunk, _encoding, callback) => callback() });
const tui = runTui({
	store,
	stdout,
	stdin: createFakeStdin(),
	stderr,
	signals: new EventEmitter(),
	stopProcess: () => {},
});
for (let i = 0; i < 200 && screen.frames === 0; i++) await sleep(5);

const times = [];
let missed = 0;
for (let frame = 0; frame < options.frames + warmup; frame++) {
	await sleep(40);
	const before = screen.frames;
	const began = performance.now();
	for (const event of events.splice(0, perFrame)) store.event(uuid, event);
	store.flush();
	for (let i = 0; i < 100 && screen.frames === before; i++) await tick();
	if (screen.frames === before) {
		missed++;
		continue;
	}
	if (frame >= warmup) times.push(screen.lastFrameAt - began);
}
stopTui();
await tui;
store.dispose();
process.stdout.write(
	`${JSON.stringify({ ...distribution(times), missed, bytesPerFrame: screen.bytes / screen.frames })}\n`,
);
process.exit(0);
