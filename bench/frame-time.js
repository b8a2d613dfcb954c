/**
 * Frame time: the real app (`runTui`) in a fake TTY of the given size with one pane scrolling. Each
 * frame: a few new events into the store, `flush()` (the store publishes), and the clock stops when
 * the frame has been written to the terminal (React render, layout, Ink output and write, all
 * synchronous from the publish). Frames are spaced beyond the app's frame pacing (with nothing else
 * running, the pacer lets a frame through about every five frame costs, at least every 33 ms) so each
 * renders at once; frames it defers anyway are counted, not timed.
 *
 * With `panes` above 1, the other panes hold rows but stay quiet: what a frame costs when one pane of
 * several changes.
 *
 * Usage: node bench/frame-time.js '{"columns":80,"rows":24,"frames":200,"panes":1}'   (prints one JSON line)
 */
import { EventEmitter } from "node:events";
import { enableCompileCache } from "node:module";
import { performance } from "node:perf_hooks";
import { Writable } from "node:stream";
import { loadTui } from "../dist/cli/load-tui.js";
import { createTailStore } from "../dist/store/store.js";
import { tailEvents } from "./lib/events.js";
import { createFakeStdin, createFakeStdout } from "./lib/fake-tty.js";
import { distribution } from "./lib/stats.js";

// Load the Ink app the way the CLI does (bin.ts, cli/load-tui.ts): the compile cache on, and React's
// build chosen by NODE_ENV (production unless the environment says otherwise), so the bench measures
// what users run. Colours too: chalk decides them from this process's stdout, a pipe to the bench,
// where a user's terminal has colours (TERM=xterm-256color); every styled span costs Ink escape codes.
enableCompileCache?.();
process.env.FORCE_COLOR ??= "2";
const { runTui, stopTui } = await loadTui();

/** @type {{ columns: number, rows: number, frames: number, panes?: number, perFrame?: number, allPanes?: boolean }} */
const options = JSON.parse(process.argv[2] ?? "{}");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const tick = () => new Promise((resolve) => setImmediate(resolve));
const uuid = "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a5001";
const perFrame = options.perFrame ?? 3;
const warmup = 30;
const events = [...tailEvents(uuid, (options.frames + warmup) * perFrame + 200)];

const store = createTailStore();
store.addProject(uuid, "frame-bench");
/** The other panes: quiet, or (`allPanes`) fed as much as the first, every frame. */
const others = [];
for (let pane = 1; pane < (options.panes ?? 1); pane++) {
	const other = `0193a4c2-7d1e-7b3a-9f21-5c8e4d6a50${String(pane + 10).padStart(2, "0")}`;
	store.addProject(other, `${options.allPanes ? "busy" : "quiet"}-${pane}`);
	const feed = [...tailEvents(other, 200 + (options.allPanes ? (options.frames + warmup) * perFrame : 0))];
	for (const event of feed.splice(0, 200)) store.event(other, event);
	if (options.allPanes) others.push({ uuid: other, feed });
}
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
/** The wait before the next frame: past the pacer's interval, which follows the frames' cost. */
let gap = 40;
let missed = 0;
for (let frame = 0; frame < options.frames + warmup; frame++) {
	await sleep(gap);
	const before = screen.frames;
	const began = performance.now();
	for (const event of events.splice(0, perFrame)) store.event(uuid, event);
	for (const other of others)
		for (const event of other.feed.splice(0, perFrame)) store.event(other.uuid, event);
	store.flush();
	for (let i = 0; i < 100 && screen.frames === before; i++) await tick();
	if (screen.frames === before) {
		// Deferred by the pacer: let that frame come before starting the next, or the next one lands
		// inside its interval too.
		missed++;
		for (let i = 0; i < 200 && screen.frames === before; i++) await sleep(5);
		gap = Math.min(1000, gap * 1.5);
		continue;
	}
	const ms = screen.lastFrameAt - began;
	gap = Math.min(1000, Math.max(40, 6 * ms));
	if (frame >= warmup) times.push(ms);
}
stopTui();
await tui;
store.dispose();
process.stdout.write(
	`${JSON.stringify({ ...distribution(times), missed, bytesPerFrame: screen.bytes / screen.frames })}\n`,
);
process.exit(0);
