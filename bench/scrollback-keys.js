/**
 * Keys while a seven-day scroll-back loads (issue 10: p95 ≤ 50 ms). The real app (`runTui`) in a fake
 * 200x50 TTY, the real session controller (stream clients + history feed) and store, against an
 * emulator in another process holding seven days of history. Phase "scrollback": one pane steps back
 * page after page (what `g`/Home past the oldest row does, one step after the other) until the start
 * of history, while a prober types `p` and times the frame that shows it. Phase "still": the same app
 * and live traffic, no scroll-back: the reference.
 *
 * Usage: node bench/scrollback-keys.js '<json options>'   (prints one JSON line; started by
 * measures/scrollback.js)
 */
import { EventEmitter } from "node:events";
import { enableCompileCache } from "node:module";
import { performance } from "node:perf_hooks";
import { Writable } from "node:stream";
import { historyKeys, loadOlder } from "../dist/cli/history-actions.js";
import { loadTui } from "../dist/cli/load-tui.js";
import { createSessionController } from "../dist/cli/session-controller.js";
import { createTailStore } from "../dist/store/store.js";
import { createFakeStdin, createFakeStdout } from "./lib/fake-tty.js";
import { startKeyProber } from "./lib/key-prober.js";

enableCompileCache?.();
process.env.FORCE_COLOR ??= "2";
const { runTui, stopTui } = await loadTui();

/**
 * @type {{ origin: string, storeHash: string, token: string, projects: { uuid: string, name: string }[],
 *   width: number, height: number, keyIntervalMs: number, stillSeconds: number, maxPages: number,
 *   timeoutMs: number }}
 */
const options = JSON.parse(process.argv[2] ?? "{}");
const deadline = performance.now() + options.timeoutMs;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Room for the whole week: a full pane would end the scroll-back early ("the pane is full").
const store = createTailStore({ scrollback: 400_000 });
const session = createSessionController({
	target: { origin: options.origin, storeHash: options.storeHash, token: options.token },
	sink: store,
	idleTimeoutMs: 45_000,
	maxEventBytes: 8 << 20,
	history: { sinceMs: 15 * 60_000 },
});
for (const project of options.projects) session.open(project);
const { stream: stdout, state: screen } = createFakeStdout(options.width, options.height);
const stdin = createFakeStdin();
const stderr = new Writable({ write: (_chunk, _encoding, callback) => callback() });
const tui = runTui({
	store,
	stdout,
	stdin,
	stderr,
	signals: new EventEmitter(),
	stopProcess: () => {},
	...historyKeys(store, session),
});

const scrolled = options.projects[0]?.uuid;
const paneOf = (uuid) => {
	store.flush();
	return store.getSnapshot().panes.find((pane) => pane.id === uuid);
};
// Started when every pane shows rows (the 15-minute backfill and the first live events are in).
while (
	performance.now() < deadline &&
	!options.projects.every((p) => (paneOf(p.uuid)?.totals.events ?? 0) > 0)
)
	await sleep(20);

/** Runs `body` with the prober on; returns the key latencies it recorded. */
async function withProber(body) {
	const keys = [];
	const prober = startKeyProber({
		screen,
		stdin,
		intervalMs: options.keyIntervalMs,
		deadline,
		record: (ms) => keys.push(ms),
	});
	await body();
	await prober.stop();
	return keys;
}

// The user's view goes to the top (`g`, which also asks for the first older page): as when reading
// back, the pane is anchored, not following, and each page lands above what it shows.
const eventsBefore = paneOf(scrolled)?.totals.events ?? 0;
stdin.write("g");
while (performance.now() < deadline && (paneOf(scrolled)?.totals.events ?? 0) === eventsBefore)
	await sleep(10);
while (performance.now() < deadline && paneOf(scrolled)?.olderState === "loading") await sleep(10);

let pages = 0;
const before = paneOf(scrolled)?.totals.events ?? 0;
const began = performance.now();
const scrollKeys = await withProber(async () => {
	while (performance.now() < deadline && pages < options.maxPages) {
		await loadOlder(store, session, scrolled);
		pages++;
		const state = paneOf(scrolled)?.olderState;
		if (state === "exhausted" || state === "off") break;
	}
});
const scrollMs = performance.now() - began;
const pane = paneOf(scrolled);
const stillKeys = await withProber(() => sleep(options.stillSeconds * 1000));

await session.stopAll();
stopTui();
await tui;
store.dispose();
process.stdout.write(
	`${JSON.stringify({
		pages,
		olderState: pane?.olderState ?? null,
		eventsLoaded: (pane?.totals.events ?? 0) - before,
		scrollMs,
		scrollKeys,
		stillKeys,
	})}\n`,
);
process.exit(0);
