/**
 * Heap per buffered entry. Run with --expose-gc. Mode "store": fill the real store (one pane, scrollback
 * N) until it holds N entries, collect garbage, and report heap and RSS growth. Mode "text": keep only
 * the flattened JSON text of the same events (the text a buffer must hold to show, search and save
 * everything), for the reference. Mode "events": keep the parsed events (TailEvent objects) alone, to show
 * how much of the store's figure is the event model and how much its own structures.
 *
 * Usage: node --expose-gc bench/heap.js '{"entries":100000,"mode":"store"}'   (prints one JSON line)
 */

import { entryCount } from "../dist/store/entries.js";
import { createTailStore } from "../dist/store/store.js";
import { tailEvents } from "./lib/events.js";

/** @type {{ entries: number, mode: "store" | "text" | "events" }} */
const options = JSON.parse(process.argv[2] ?? "{}");
const gc = /** @type {() => void} */ (globalThis.gc);
const uuid = "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a7001";
const settle = () => {
	for (let i = 0; i < 4; i++) gc();
};

// Warm the code paths (and their allocations) before the baseline, on a throwaway store.
const warm = createTailStore({ scrollback: 100 });
for (const event of tailEvents(uuid, 300, 99)) warm.event(uuid, event);
warm.dispose();

settle();
const baseHeap = process.memoryUsage().heapUsed;
const baseRss = process.memoryUsage().rss;

let held = null;
let entries = 0;
let textBytes = 0;
if (options.mode === "store") {
	const store = createTailStore({ scrollback: options.entries });
	store.addProject(uuid, "heap-bench");
	for (const event of tailEvents(uuid, options.entries * 2)) {
		store.event(uuid, event);
		entries += entryCount(event);
		if (entries >= options.entries) break;
	}
	store.flush();
	entries = store.getSnapshot().panes[0]?.size ?? 0;
	held = store;
} else if (options.mode === "events") {
	const kept = [];
	for (const event of tailEvents(uuid, options.entries * 2)) {
		kept.push(event);
		entries += entryCount(event);
		if (entries >= options.entries) break;
	}
	held = kept;
} else {
	/** @type {{ json: string, rows: number }[]} */
	const kept = [];
	for (const event of tailEvents(uuid, options.entries * 2)) {
		// Copied through a Buffer: a flat string, pinning nothing else.
		kept.push({ json: Buffer.from(event.json).toString("utf8"), rows: entryCount(event) });
		entries += entryCount(event);
		if (entries >= options.entries) break;
	}
	held = kept.map((each) => each.json);
	for (const json of held) textBytes += Buffer.byteLength(json);
}
settle();
const heap = process.memoryUsage().heapUsed - baseHeap;
const rss = process.memoryUsage().rss - baseRss;
process.stdout.write(
	`${JSON.stringify({ mode: options.mode, entries, heapPerEntry: heap / entries, rssPerEntry: rss / entries, heapMb: heap / 2 ** 20, rssMb: process.memoryUsage().rss / 2 ** 20, textBytesPerEntry: textBytes / entries, held: held !== null })}\n`,
);
process.exit(0);
