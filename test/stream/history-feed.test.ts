import { afterEach, describe, expect, test, vi } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { entryFingerprint, eventFingerprints } from "../../source/model/fingerprint.js";
import { parseHistoryEntry } from "../../source/model/history-entry.js";
import type { HistoryTailEvent } from "../../source/model/history-group.js";
import type { ConnectionStatus, Gap, TailEvent } from "../../source/model/types.js";
import { createHistoryFeed, type HistoryFeed, type HistoryNote } from "../../source/stream/history-feed.js";
import { createTailClient, type TailClient } from "../../source/stream/tail-client.js";

let emulator: Emulator | undefined;
let client: TailClient | undefined;
let feed: HistoryFeed | undefined;
afterEach(async () => {
	feed?.stopAll();
	await client?.stop();
	await emulator?.close();
	emulator = undefined;
	client = undefined;
	feed = undefined;
});

interface Received {
	readonly kinds: ("live" | "history" | "note" | "gap")[];
	readonly events: TailEvent[];
	readonly notes: HistoryNote[];
	readonly gaps: Gap[];
	phase: ConnectionStatus["phase"] | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
let counter = 0;

/** One invocation: a request row, a log row, sometimes an exception. */
function invocation(p: string, at: number, tag: string): Record<string, unknown> {
	counter += 1;
	const ts = iso(at);
	return {
		uuid: `${tag}-${counter}`,
		project_uuid: p,
		timestamp: ts,
		request: { method: "GET", url: `/en/${tag}/${counter}`, status_code: counter % 5 === 0 ? 500 : 200 },
		logs: [{ timestamp: ts, level: "info", messages: [`${tag} ${counter}`] }],
		exceptions: counter % 5 === 0 ? [{ timestamp: ts, name: "TypeError", message: `boom ${counter}` }] : [],
	};
}

async function start(sinceMs: number) {
	const emu = await createEmulator({ rate: 0, keepAliveMs: 0, streamEndMs: 0 });
	emulator = emu;
	const p = emu.projects[0]!.uuid;
	const target = { origin: emu.origin, storeHash: emu.storeHash, token: emu.token };
	const got: Received = { kinds: [], events: [], notes: [], gaps: [], phase: null };
	feed = createHistoryFeed({
		target,
		sinceMs,
		fillDelayMs: 0,
		history: { backoff: { baseMs: 5, capMs: 20 } },
		sink: {
			event(_project, event) {
				got.kinds.push((event as Partial<HistoryTailEvent>).origin === "history" ? "history" : "live");
				got.events.push(event);
			},
			status(_project, status) {
				got.phase = status.phase;
			},
			gap(_project, gap) {
				got.kinds.push("gap");
				got.gaps.push(gap);
			},
			skip() {},
			historyNote(_project, note) {
				got.kinds.push("note");
				got.notes.push(note);
			},
		},
	});
	const streams = createTailClient({
		target,
		projectUuid: p,
		sink: feed,
		minStreamMs: 0,
		minReconnectMs: 0,
		backoff: { baseMs: 20, capMs: 50 },
	});
	client = streams;
	const open = () => {
		feed?.open(p);
		streams.start();
	};
	return { emu, p, got, open };
}

/** Every fingerprint the sink was shown, as a sorted list (a multiset). */
function shown(got: Received): string[] {
	return got.events
		.flatMap((event) => {
			const history = (event as Partial<HistoryTailEvent>).entries;
			return history ? history.map(entryFingerprint) : eventFingerprints(event);
		})
		.sort();
}

/** Every fingerprint the emulator's history holds for the project. */
function everything(emu: Emulator, p: string): string[] {
	return emu
		.history(p)
		.map((raw) => parseHistoryEntry(raw, p))
		.filter((entry) => entry !== null)
		.map(entryFingerprint)
		.sort();
}

describe("the tail with a past", () => {
	test("backfill, then a live marker, then live: every entry once, even those delivered live during the backfill", async () => {
		const { emu, p, got, open } = await start(10 * 60_000);
		const now = Date.now();
		for (let i = 0; i < 40; i++) emu.push(p, invocation(p, now - 300_000 + i * 1000, "past"));
		// The backfill is held by the server while the stream is already live.
		emu.historyFault(p, { fault: { kind: "slow", ms: 300 } });
		open();
		await vi.waitFor(() => expect(got.phase).toBe("live"));
		// Delivered live, but their time is inside the backfill's window: history has them too.
		for (let i = 0; i < 5; i++) emu.push(p, invocation(p, now - 2000 + i * 100, "overlap"));
		await vi.waitFor(() => expect(got.notes.map((n) => n.kind)).toContain("live-from"));
		for (let i = 0; i < 5; i++) emu.push(p, invocation(p, Date.now(), "live"));
		await vi.waitFor(() => expect(shown(got)).toEqual(everything(emu, p)));
		// History, then the note, then live: one sequence in time order.
		const note = got.kinds.indexOf("note");
		expect(got.kinds.slice(0, note).every((kind) => kind === "history")).toBe(true);
		expect(got.kinds.slice(note + 1).every((kind) => kind === "live")).toBe(true);
		const live = got.notes.find((n) => n.kind === "live-from");
		expect(live).toMatchObject({ kind: "live-from", sinceMs: 600_000 });
	});

	test("an outage is filled from history once the stream is back, each missed entry once", async () => {
		const { emu, p, got, open } = await start(0);
		open();
		await vi.waitFor(() => expect(got.phase).toBe("live"));
		emu.push(p, invocation(p, Date.now(), "before"));
		await vi.waitFor(() => expect(got.events).toHaveLength(1));
		emu.outage(p, true);
		await vi.waitFor(() => expect(got.phase).toBe("reconnecting"));
		for (let i = 0; i < 12; i++) emu.push(p, invocation(p, Date.now(), "missed"));
		emu.outage(p, false);
		await vi.waitFor(() => expect(got.notes.map((n) => n.kind)).toContain("filled"));
		emu.push(p, invocation(p, Date.now(), "after"));
		await vi.waitFor(() => expect(shown(got)).toEqual(everything(emu, p)));
		const filled = got.notes.find((n) => n.kind === "filled");
		expect(filled).toMatchObject({ kind: "filled" });
		const missed = emu.history(p).filter((raw) => JSON.stringify(raw).includes("/en/missed/")).length;
		expect((filled as { entries: number }).entries).toBe(missed);
		// The gap row, then the filled events, then the note.
		const gap = got.kinds.indexOf("gap");
		const note = got.kinds.indexOf("note");
		expect(got.kinds.slice(gap + 1, note).every((kind) => kind === "history")).toBe(true);
		expect(got.kinds.slice(gap + 1, note)).toHaveLength(12);
	});

	test("an event emitted between two streams of a routine rotation is recovered from the history", async () => {
		const { emu, p, got, open } = await start(0);
		open();
		await vi.waitFor(() => expect(got.phase).toBe("live"));
		// A stream that delivered is a healthy one: its end is routine, not a failure.
		emu.push(p, invocation(p, Date.now(), "first"));
		await vi.waitFor(() => expect(got.events).toHaveLength(1));
		emu.endStreams(p);
		// No stream is open for this instant: only the history keeps it.
		emu.push(p, invocation(p, Date.now(), "seam"));
		await vi.waitFor(() => expect(got.notes.map((n) => n.kind)).toContain("seam"));
		expect(shown(got)).toEqual(everything(emu, p));
		expect(got.gaps).toHaveLength(0);
	});

	test("a 403 turns history off once; the live tail goes on and gaps are not queried", async () => {
		const { emu, p, got, open } = await start(60_000);
		emu.historyFault(p, { fault: { kind: "status", status: 403 }, times: Number.POSITIVE_INFINITY });
		open();
		await vi.waitFor(() => expect(got.notes.map((n) => n.kind)).toEqual(["off"]));
		emu.push(p, invocation(p, Date.now(), "live"));
		await vi.waitFor(() => expect(got.events).toHaveLength(1));
		emu.outage(p, true);
		await vi.waitFor(() => expect(got.phase).toBe("reconnecting"));
		emu.outage(p, false);
		await vi.waitFor(() => expect(got.gaps).toHaveLength(1));
		expect(emu.historyRequests(p)).toBe(1);
		expect(got.notes.map((n) => n.kind)).toEqual(["off"]);
		expect((got.notes[0] as { reason: string }).reason).toMatch(/^Infrastructure Logs API not enabled/);
	});
});
