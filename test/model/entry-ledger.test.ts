import { describe, expect, it } from "vitest";
import { EntryLedger } from "../../source/model/entry-ledger.js";
import { entryFingerprint, eventFingerprints } from "../../source/model/fingerprint.js";
import { type HistoryEntry, parseHistoryEntry } from "../../source/model/history-entry.js";
import { parseEvent } from "../../source/model/normalize.js";
import type { TailEvent } from "../../source/model/types.js";
import { flattenEvent } from "../model/flatten-event.js";

const project = "6b202364-10f3-11f1-8bc7-fe9b9d8b14ab";
const now = Date.UTC(2026, 5, 15, 12);

/** mulberry32: a small seeded PRNG, so a failing seed can be replayed. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Raw = Record<string, unknown>;

function liveOf(raw: Raw): TailEvent {
	const result = parseEvent(JSON.stringify(raw), project, now);
	if (!result.ok) throw new Error(result.cause);
	return result.event;
}

function entryOf(raw: Raw): HistoryEntry {
	const entry = parseHistoryEntry(JSON.parse(JSON.stringify(raw)), project);
	if (entry === null) throw new Error("not an object");
	return entry;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Invocations in time order; some share a timestamp, some are exact copies of the one before. */
function invocations(random: () => number, count: number): { raw: Raw; time: number }[] {
	const out: { raw: Raw; time: number }[] = [];
	let time = now - 5 * 60_000;
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
	for (let i = 0; i < count; i++) {
		const previous = out[out.length - 1];
		if (previous !== undefined && random() < 0.15) {
			out.push({ raw: { ...previous.raw, uuid: `u${i}` }, time: previous.time });
			continue;
		}
		if (random() < 0.7) time += Math.floor(random() * 400);
		const request =
			random() < 0.85
				? {
						method: pick(["GET", "POST"]),
						url: pick(["/a", "/b", "https://x.test/c"]),
						status_code: pick([200, 500]),
					}
				: null;
		const logs = Array.from({ length: Math.floor(random() * 4) }, () => ({
			timestamp: iso(time + Math.floor(random() * 3)),
			level: pick(["info", "warn", "error", "debug"]),
			messages: [
				pick(["x", "y", "cart lookup"]),
				...(random() < 0.3 ? [{ n: Math.floor(random() * 3) }] : []),
			],
		}));
		const exceptions =
			random() < 0.2
				? [{ timestamp: iso(time + 2), name: pick(["TypeError", "E"]), message: pick(["m", "n"]) }]
				: [];
		out.push({ raw: { uuid: `u${i}`, timestamp: iso(time), request, logs, exceptions }, time });
	}
	return out;
}

type Step = { live: TailEvent } | { page: HistoryEntry[] };

/** One scenario: live before an outage, history over the outage (and more), live after it. */
function scenario(seed: number) {
	const random = prng(seed);
	const all = invocations(random, 1 + Math.floor(random() * 40));
	const n = all.length;
	const a = Math.floor(random() * (n + 1));
	const d = a + Math.floor(random() * (n - a + 1));
	// History covers the outage [a, d) and overlaps both sides; as a time window, it takes every
	// invocation with the same time as one it takes.
	let b = Math.max(0, a - Math.floor(random() * 5));
	let c = Math.min(n, d + Math.floor(random() * 5));
	if (b < n) while (b > 0 && (all[b - 1] as { time: number }).time === (all[b] as { time: number }).time) b--;
	if (c > 0) while (c < n && (all[c] as { time: number }).time === (all[c - 1] as { time: number }).time) c++;
	const omit = () => random() < 0.2;
	const historyNewestFirst = all
		.slice(b, c)
		.flatMap(({ raw }) => flattenEvent(raw, omit).map(entryOf))
		.map((entry, index) => ({ entry, index }))
		.sort((x, y) => (y.entry.time ?? 0) - (x.entry.time ?? 0) || y.index - x.index)
		.map(({ entry }) => entry);
	const pages: HistoryEntry[][] = [];
	for (let i = 0; i < historyNewestFirst.length; ) {
		const size = 1 + Math.floor(random() * 6);
		pages.push(historyNewestFirst.slice(i, i + size));
		i += size;
	}
	const live = [...all.slice(0, a), ...all.slice(d)].map(({ raw }) => liveOf(raw));
	// Live stays in order, history pages stay in order (newest first), interleaved at random.
	const steps: Step[] = [];
	let li = 0;
	let pi = 0;
	while (li < live.length || pi < pages.length) {
		const takeLive = pi >= pages.length || (li < live.length && random() < 0.5);
		if (takeLive) steps.push({ live: live[li++] as TailEvent });
		else steps.push({ page: pages[pi++] as HistoryEntry[] });
	}
	const expected = all.flatMap(({ raw }) => eventFingerprints(liveOf(raw)));
	return { steps, expected };
}

const byTimeThenText = (x: string, y: string): number => {
	const tx = Number(x.split("\u0000")[0]);
	const ty = Number(y.split("\u0000")[0]);
	return tx - ty || (x < y ? -1 : x > y ? 1 : 0);
};

describe("EntryLedger", () => {
	it("shows every entry of every invocation exactly once, whatever the split and interleaving", () => {
		let historyHeld = 0;
		let liveHeld = 0;
		for (let seed = 1; seed <= 400; seed++) {
			const { steps, expected } = scenario(seed);
			const ledger = new EntryLedger({ now: () => now });
			const shown: string[] = [];
			for (const step of steps) {
				if ("live" in step) {
					const fresh = ledger.admitLiveEntries(step.live);
					const fingerprints = eventFingerprints(step.live);
					if (!fresh.includes(true)) liveHeld++;
					shown.push(...fingerprints.filter((_fp, index) => fresh[index]));
				} else {
					const passed = ledger.admitHistory(step.page);
					historyHeld += step.page.length - passed.length;
					shown.push(...passed.map(entryFingerprint));
				}
			}
			// Sorted by time (then text), what was shown rebuilds the whole timeline exactly.
			expect({ seed, shown: shown.sort(byTimeThenText) }).toEqual({
				seed,
				shown: expected.sort(byTimeThenText),
			});
		}
		// The scenarios did exercise both kinds of overlap.
		expect(historyHeld).toBeGreaterThan(0);
		expect(liveHeld).toBeGreaterThan(0);
	});

	const row = (time: number, messages = ["x"]): HistoryEntry =>
		entryOf({ timestamp: iso(time), entry_type: "log", level: "info", messages, request: null });

	it("counts multiplicity: live showed X once, history brings X twice, one passes", () => {
		const ledger = new EntryLedger({ now: () => now });
		const event = liveOf({
			uuid: "1",
			timestamp: null,
			request: null,
			logs: [{ timestamp: iso(now), messages: ["x"] }],
		});
		const x = entryOf({ timestamp: iso(now), entry_type: "log", messages: ["x"], request: null });
		expect(ledger.admitLive(event)).toBe(true);
		expect(ledger.admitHistory([x, x])).toEqual([x]);
		expect(ledger.admitHistory([x])).toEqual([x]);
	});

	it("reads of overlapping windows bring nothing twice; a read with more occurrences shows the extra", () => {
		const ledger = new EntryLedger({ now: () => now });
		const x = entryOf({ timestamp: iso(now), entry_type: "log", messages: ["x"], request: null });
		const y = entryOf({ timestamp: iso(now), entry_type: "log", messages: ["y"], request: null });
		expect(ledger.admitHistory([x, y], 1)).toEqual([x, y]);
		expect(ledger.admitHistory([y, x], 2)).toEqual([]);
		expect(ledger.admitHistory([x, x], 3)).toEqual([x]);
		const live = liveOf({
			uuid: "2",
			timestamp: null,
			request: null,
			logs: [{ timestamp: iso(now), messages: ["y"] }],
		});
		expect(ledger.admitLive(live)).toBe(false);
	});

	it("holds back a live event history showed whole, shows one it showed in part", () => {
		const request = { method: "GET", url: "/a", status_code: 200 };
		const ledger = new EntryLedger({ now: () => now });
		const raw = {
			uuid: "1",
			timestamp: iso(now - 10),
			request,
			logs: [
				{ timestamp: iso(now - 9), level: "info", messages: ["one"] },
				{ timestamp: iso(now - 8), level: "info", messages: ["two"] },
			],
		};
		const entries = flattenEvent(raw).map(entryOf);
		expect(ledger.admitHistory(entries)).toHaveLength(3);
		expect(ledger.admitLive(liveOf(raw))).toBe(false);
		const partial = { ...raw, uuid: "2", timestamp: iso(now - 5) };
		ledger.admitHistory(flattenEvent(partial).map(entryOf).slice(0, 1));
		expect(ledger.admitLiveEntries(liveOf(partial))).toEqual([false, true, true]);
	});

	it("forgets fingerprints past the horizon and stays under its cap", () => {
		let clock = now;
		const ledger = new EntryLedger({ now: () => clock, horizonMs: 60_000, maxFingerprints: 2_000 });
		// Older than the horizon: shown and not remembered.
		expect(ledger.admitHistory([row(now - 120_000)])).toHaveLength(1);
		expect(ledger.size).toBe(0);
		expect(ledger.admitHistory([row(now - 120_000)])).toHaveLength(1);
		for (let i = 0; i < 10_000; i++) {
			clock = now + i * 10;
			ledger.admitHistory([row(clock, [`m${i}`])]);
			expect(ledger.size).toBeLessThanOrEqual(2_001);
		}
		// Recent ones are still known: the same entry arriving live is held back.
		const again = liveOf({
			uuid: "l",
			timestamp: null,
			request: null,
			logs: [{ timestamp: iso(clock), level: "info", messages: ["m9999"] }],
		});
		expect(ledger.admitLive(again)).toBe(false);
	});
});
