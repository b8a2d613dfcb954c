/**
 * Search over N entries in the real store (one pane, scrollback N, no UI): time from `setSearch` to
 * the first published snapshot with a match, to the snapshot where the search is no longer pending,
 * and the longest synchronous stretch meanwhile (the largest gap between ticks of a setImmediate
 * probe). The reference is a plain lower-case substring scan over the same searchable texts (each
 * entry's text and its request path, as the store searches them), timed synchronously.
 *
 * Usage: node bench/search-time.js '{"entries":100000,"query":"cart"}'   (prints one JSON line)
 */
import { performance } from "node:perf_hooks";
import { emitEventEntries } from "../dist/store/entries.js";
import { createTailStore } from "../dist/store/store.js";
import { tailEvents } from "./lib/events.js";

/** @type {{ entries: number, query: string }} */
const options = JSON.parse(process.argv[2] ?? "{}");
const uuid = "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a6001";
const store = createTailStore({ scrollback: options.entries });
store.addProject(uuid, "search-bench");
store.setViewport(uuid, 40);

/** The searchable text of every entry, newest last, exactly as many as the pane holds. */
const texts = [];
let seq = 0;
for (const event of tailEvents(uuid, options.entries * 2)) {
	store.event(uuid, event);
	seq = emitEventEntries(event, seq, (entry) => {
		texts.push(entry.event?.request ? `${entry.text} ${entry.event.request.path}` : entry.text);
	});
	if (texts.length >= options.entries) break;
}
texts.splice(0, texts.length - options.entries);
store.flush();
const size = store.getSnapshot().panes[0]?.size ?? 0;

// The reference: a plain scan, lower-casing as it goes.
const needle = options.query.toLowerCase();
const scanBegan = performance.now();
let scanMatches = 0;
for (const text of texts) if (text.toLowerCase().includes(needle)) scanMatches++;
const scanMs = performance.now() - scanBegan;

await new Promise((resolve) => setTimeout(resolve, 100));
let maxGap = 0;
let last = performance.now();
let probing = true;
const probe = () => {
	const now = performance.now();
	maxGap = Math.max(maxGap, now - last);
	last = now;
	if (probing) setImmediate(probe);
};
/** @type {number | null} */
let firstAt = null;
/** @type {number | null} */
let doneAt = null;
let matchCount = 0;
const began = performance.now();
const finished = new Promise((resolve) => {
	const unsubscribe = store.subscribe(() => {
		const search = store.getSnapshot().search;
		if (!search || search.query !== options.query) return;
		if (firstAt === null && search.matchCount > 0) firstAt = performance.now() - began;
		if (!search.pending) {
			doneAt = performance.now() - began;
			matchCount = search.matchCount;
			unsubscribe();
			resolve(undefined);
		}
	});
});
last = performance.now();
setImmediate(probe);
store.setSearch(options.query);
await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 60_000))]);
probing = false;
store.dispose();
process.stdout.write(
	`${JSON.stringify({ entries: size, firstMs: firstAt, doneMs: doneAt, maxSliceMs: maxGap, matchCount, scanMs, scanMatches })}\n`,
);
process.exit(0);
