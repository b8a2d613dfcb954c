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

/** How many lines each query finds: fuzzy (fuse.js itself), and the literal default (a substring). */
const expectedMatches: Record<string, (lines: readonly string[]) => number> = {
	"~chekout": (lines) =>
		lines.filter(
			(text) =>
				Fuse.match("chekout", text, { ignoreLocation: true, useExtendedSearch: true, threshold: 0.4 })
					.isMatch,
		).length,
	checkout: (lines) => lines.filter((text) => text.toLowerCase().includes("checkout")).length,
};

it.each(Object.keys(expectedMatches))(
	"searches 100k entries for %s in short slices, newest first, with results arriving progressively",
	async (query) => {
		const n = 100_000;
		const lines = texts(n);
		let slices = 0;
		const progress: SearchSnapshot[] = [];
		let store: TailStore | undefined;
		store = createTailStore({
			scrollback: n,
			// The real default (setImmediate), wrapped to count the slices and publish after each. How long a
			// slice takes is a measure, not a correctness question: bench/ times it (`search`, "longest
			// synchronous slice").
			schedule: (callback) =>
				setImmediate(() => {
					callback();
					slices++;
					store?.flush();
					const search = store?.getSnapshot().search;
					if (search) progress.push(search);
				}),
		});
		store.addProject(PROJECT_A);
		store.setViewport(PROJECT_A, 20);
		for (const text of lines) store.ingest(makeEvent({ logs: [text] }));
		store.flush();

		store.setSearch(query);
		await vi.waitFor(() => expect(store?.getSnapshot().search?.pending).toBe(false), { timeout: 20_000 });

		const expected = (expectedMatches[query] as (lines: readonly string[]) => number)(lines);
		expect(expected).toBeGreaterThanOrEqual(n / 50);
		expect(store.getSnapshot().search?.matchCount).toBe(expected);

		// It yielded to the event loop many times: a time-budgeted slice gets through fewer entries on a
		// busy machine, never all 100k.
		expect(slices).toBeGreaterThan(5);

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
	},
	60_000,
);

it("publishes a search's first matches at once, and later progress on the frame timer", async () => {
	const clock = new ManualClock(0);
	const queue: (() => void)[] = [];
	const n = 20_000;
	const store = createTailStore({
		clock,
		scrollback: n,
		frameIntervalMs: 50,
		// The shortest slice: however fast the machine, 20,000 entries take many of them.
		searchSliceMs: 1,
		schedule: (cb) => queue.push(cb),
	});
	store.addProject(PROJECT_A);
	store.setViewport(PROJECT_A, 20);
	for (const text of texts(n)) store.ingest(makeEvent({ logs: [text] }));
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
	// Slices run with no clock movement. A slice is time-budgeted, so how far the first one gets
	// depends on the machine: until one finds a match, nothing is published; the one that does is
	// published without waiting for the frame timer.
	while (published.length === 1 && queue.length > 0) {
		queue.shift()?.();
		await Promise.resolve();
	}
	expect(published.length).toBe(2);
	expect(published[1]?.matchCount).toBeGreaterThan(0);
	expect(published[1]?.pending).toBe(true);
	// Further slices mark the store dirty; their progress waits for the next frame.
	expect(queue.length).toBeGreaterThan(0);
	while (queue.length > 0) {
		queue.shift()?.();
		await Promise.resolve();
	}
	expect(published.length).toBe(2);
	clock.advance(50);
	expect(published.at(-1)?.pending).toBe(false);
	expect(published.at(-1)?.matchCount).toBe(n / 50);
	store.dispose();
});
