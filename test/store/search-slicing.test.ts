import Fuse from "fuse.js";
import { expect, it, vi } from "vitest";
import { createTailStore } from "../../source/store/store.js";
import type { SearchSnapshot, TailStore } from "../../source/store/types.js";
import { ManualClock } from "../../source/util/clock.js";
import { makeEvent, PROJECT_A } from "./events.js";

const words =
	"cart product fetch upstream slow timeout redis cache hit miss user session render page api".split(" ");

/** Deterministic log texts; every 50th mentions checkout. */
function texts(n: number): string[] {
	let seed = 7;
	const next = () => {
		seed = (seed * 1103515245 + 12345) & 0x7fffffff;
		return seed / 0x7fffffff;
	};
	const out: string[] = [];
	for (let i = 0; i < n; i++) {
		const parts: string[] = [];
		const count = 4 + Math.floor(next() * 10);
		for (let j = 0; j < count; j++) parts.push(words[Math.floor(next() * words.length)] ?? "x");
		if (i % 50 === 0) parts.splice(Math.floor(next() * parts.length), 0, "checkout");
		parts.push(String(i));
		out.push(parts.join(" "));
	}
	return out;
}

it("searches 100k entries in short slices, newest first, with results arriving progressively", async () => {
	const n = 100_000;
	const lines = texts(n);
	const slices: number[] = [];
	const progress: SearchSnapshot[] = [];
	let store: TailStore | undefined;
	store = createTailStore({
		scrollback: n,
		// The real default (setImmediate), wrapped to time each synchronous slice and publish after it.
		schedule: (callback) =>
			setImmediate(() => {
				const started = performance.now();
				callback();
				slices.push(performance.now() - started);
				store?.flush();
				const search = store?.getSnapshot().search;
				if (search) progress.push(search);
			}),
	});
	store.addProject(PROJECT_A);
	store.setViewport(PROJECT_A, 20);
	for (const text of lines) store.ingest(makeEvent({ logs: [text] }));
	store.flush();

	store.setSearch("chekout");
	await vi.waitFor(() => expect(store?.getSnapshot().search?.pending).toBe(false), { timeout: 20_000 });

	const expected = lines.filter(
		(text) =>
			Fuse.match("chekout", text, { ignoreLocation: true, useExtendedSearch: true, threshold: 0.4 }).isMatch,
	).length;
	expect(expected).toBeGreaterThanOrEqual(n / 50);
	expect(store.getSnapshot().search?.matchCount).toBe(expected);

	// It yielded to the event loop many times, never blocking long (the target is ~16 ms; the bound is
	// generous for slow CI machines).
	expect(slices.length).toBeGreaterThan(5);
	expect(Math.max(...slices)).toBeLessThan(100);

	// Progressive: matches were published while the search was still pending. (Which slice finds the
	// first one depends on how much a time-budgeted slice gets through on a loaded machine.)
	const firstFound = progress.find((p) => p.matchCount > 0);
	expect(firstFound?.pending).toBe(true);
	expect(firstFound?.matchCount).toBeLessThan(expected);
	const counts = progress.map((p) => p.matchCount);
	expect(counts).toEqual([...counts].sort((a, b) => a - b));

	// The visible (newest) rows were flagged as soon as the first slice ran.
	const rows = store.getSnapshot().panes[0]?.rows ?? [];
	expect(rows.filter((r) => r.match).every((r) => r.entry.text.includes("checkout"))).toBe(true);
	store.dispose();
}, 60_000);

it("publishes a search's first matches at once, and later progress on the frame timer", async () => {
	const clock = new ManualClock(0);
	const queue: (() => void)[] = [];
	const store = createTailStore({
		clock,
		scrollback: 5_000,
		frameIntervalMs: 50,
		schedule: (cb) => queue.push(cb),
	});
	store.addProject(PROJECT_A);
	store.setViewport(PROJECT_A, 20);
	for (const text of texts(5_000)) store.ingest(makeEvent({ logs: [text] }));
	store.flush();
	const published: SearchSnapshot[] = [];
	store.subscribe(() => {
		const search = store.getSnapshot().search;
		if (search) published.push(search);
	});

	store.setSearch("checkout");
	await Promise.resolve();
	// The query itself is shown at once (pending, nothing found yet).
	expect(published.map((s) => s.matchCount)).toEqual([0]);
	// One slice, no clock movement: its matches are published without waiting for the frame timer.
	queue.shift()?.();
	await Promise.resolve();
	expect(published.length).toBe(2);
	expect(published[1]?.matchCount).toBeGreaterThan(0);
	// Further slices mark the store dirty; their progress waits for the next frame.
	while (queue.length > 0) queue.shift()?.();
	await Promise.resolve();
	expect(published.length).toBe(2);
	clock.advance(50);
	expect(published.at(-1)?.pending).toBe(false);
	expect(published.at(-1)?.matchCount).toBe(100);
	store.dispose();
});
