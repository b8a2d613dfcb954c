/**
 * Line mode's exactly-once promise where the live stream and history meet (the soak's line-mode
 * check, made small and deterministic): an event the stream delivered is printed live, whole, once;
 * history adds only what no stream carried. Compared by uuid (live lines) and by fingerprint (every
 * entry of the emulator's history log, printed exactly once either way).
 */
import { afterAll, afterEach, beforeAll, expect, test, vi } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { entryFingerprint } from "../../source/model/fingerprint.js";
import { parseHistoryEntry } from "../../source/model/history-entry.js";
import { startLineMode } from "../support/line-mode-run.js";

let emulator: Emulator | undefined;
afterEach(async () => {
	await emulator?.close();
	emulator = undefined;
});
// The emulator's streams are ended by hand here: a routine end, however young the stream.
const minStream = process.env.BCTAIL_MIN_STREAM_MS;
beforeAll(() => {
	process.env.BCTAIL_MIN_STREAM_MS = "0";
});
afterAll(() => {
	if (minStream === undefined) delete process.env.BCTAIL_MIN_STREAM_MS;
	else process.env.BCTAIL_MIN_STREAM_MS = minStream;
});

let counter = 0;
/** An invocation with a request row and one log line, at `at` (each one distinct). */
function invocation(tag: string, at = Date.now()): Record<string, unknown> {
	counter += 1;
	const ts = new Date(at).toISOString();
	return {
		uuid: `00000000-0000-4000-8000-${counter.toString(16).padStart(12, "0")}`,
		timestamp: ts,
		request: { method: "GET", url: `/${tag}/${counter}`, status_code: 200 },
		logs: [{ timestamp: ts, level: "info", messages: [`${tag} ${counter}`] }],
		exceptions: [],
	};
}

interface Printed {
	/** uuids of the live lines, in order. */
	readonly live: string[];
	/** Fingerprints of every entry printed, live events flattened as history would flatten them. */
	readonly fingerprints: string[];
}

/**
 * What stdout holds, live lines by uuid and every entry by fingerprint. Each invocation here has a
 * URL of its own: a live line's entries are those of the emulator's history log with its URL.
 */
function printed(ndjson: string, emu: Emulator, project: string): Printed {
	const byUrl = new Map<string, string[]>();
	for (const raw of emu.history(project)) {
		const url = String(raw.request?.url ?? "");
		byUrl.set(url, [...(byUrl.get(url) ?? []), entryFingerprint(parseHistoryEntry(raw, project)!)]);
	}
	const live: string[] = [];
	const fingerprints: string[] = [];
	for (const line of ndjson.split("\n")) {
		if (line === "") continue;
		const value = JSON.parse(line) as Line;
		if (value.history === true) {
			for (const raw of value.entries ?? [])
				fingerprints.push(entryFingerprint(parseHistoryEntry(raw, project)!));
		} else {
			live.push(value.uuid ?? "");
			fingerprints.push(...(byUrl.get(value.request?.url ?? "") ?? []));
		}
	}
	return { live, fingerprints: fingerprints.sort() };
}

interface Line {
	readonly history?: boolean;
	readonly entries?: unknown[];
	readonly uuid?: string;
	readonly request?: { readonly url?: string };
}

const everyEntry = (emu: Emulator, project: string): string[] =>
	emu
		.history(project)
		.map((raw) => entryFingerprint(parseHistoryEntry(raw, project)!))
		.sort();

/** Line mode on the emulator's first project, in JSON, with the given history delays. */
async function tail(fillDelayMs: number) {
	const emu = await createEmulator({ rate: 0, keepAliveMs: 100, streamEndMs: 0 });
	emulator = emu;
	const project = emu.projects[0]!.uuid;
	const { stdout, stderr, stop } = startLineMode(emu, project, { history: { fillDelayMs } });
	await vi.waitFor(() => expect(stderr.text).toContain(": live"));
	const end = async (): Promise<void> => {
		expect(await stop()).toBe(0);
	};
	return { emu, project, stdout, stderr, end };
}

test("events the stream delivered after an outage, inside the gap's margin, are printed live", async () => {
	const { emu, project, stdout, stderr, end } = await tail(1000);
	emu.push(project, invocation("before"));
	await vi.waitFor(() => expect(stdout.text).toContain("/before/"));
	emu.outage(project, true);
	await vi.waitFor(() => expect(stderr.text).toContain("reconnecting"));
	for (let i = 0; i < 5; i++) emu.push(project, invocation("missed"));
	emu.outage(project, false);
	await vi.waitFor(() => expect(stderr.text).toContain("live again"));
	// Delivered by the new stream while the gap's read waits (its window reaches 2 s past the gap):
	// held for the read, and shown live after it, not replaced by their history entries.
	const after = [1, 2, 3, 4, 5, 6].map(() => invocation("after"));
	for (const event of after) emu.push(project, event);
	await vi.waitFor(() => expect(stderr.text).toMatch(/filled: \d+ entries from history/));
	await vi.waitFor(() => expect(stdout.text).toContain(`/after/${counter}"`));
	await end();

	const out = printed(stdout.text, emu, project);
	expect(out.live).toEqual(emu.sent(project));
	expect(out.live).toEqual(expect.arrayContaining(after.map((event) => event.uuid)));
	expect(stderr.text).toContain("filled: 10 entries from history");
	expect(out.fingerprints).toEqual(everyEntry(emu, project));
});

test("a rotation's read queued behind more live events than the recent ring holds shows nothing twice", async () => {
	const { emu, project, stdout, stderr, end } = await tail(1500);
	const early = [1, 2, 3].map(() => invocation("early"));
	for (const event of early) emu.push(project, event);
	await vi.waitFor(() => expect(stdout.text).toContain(`/early/${counter}"`));
	emu.endStreams(project);
	await vi.waitFor(() => expect(emu.openStreams(project)).toBe(1));
	await vi.waitFor(() => expect(emu.requests(project)).toBe(2));
	// Between the rotation and its read (1.5 s later): more live events than the ring of recent ones
	// keeps, all inside the read's window. The early ones must still be known to the read.
	for (let i = 0; i < 1100; i++) emu.push(project, invocation("flood"));
	await vi.waitFor(() => expect(stdout.text).toContain(`/flood/${counter}"`));
	await vi.waitFor(() => expect(emu.historyRequests(project)).toBeGreaterThan(0));
	// Reads run one after another: once the next rotation's window is asked for, the first is printed.
	const windowOf = (query: string): string | null => new URLSearchParams(query).get("start");
	const first = windowOf(emu.historyQueries(project)[0] ?? "");
	emu.endStreams(project);
	await vi.waitFor(() =>
		expect(emu.historyQueries(project).some((query) => windowOf(query) !== first)).toBe(true),
	);
	await end();

	const out = printed(stdout.text, emu, project);
	expect(out.live).toEqual(emu.sent(project));
	expect(stderr.text).not.toContain("emitted between two streams");
	expect(stdout.text).not.toContain('"history":true');
	expect(out.fingerprints).toEqual(everyEntry(emu, project));
});

test("a live line without a time is printed even after history showed as many of the same line", async () => {
	const { emu, project, stdout, stderr, end } = await tail(0);
	// A cron handler's log with a null timestamp and no request: the same text every run.
	const cron = (n: number) => ({
		uuid: `00000000-0000-4000-8000-00000000c${String(n).padStart(3, "0")}`,
		timestamp: null,
		request: null,
		logs: [{ timestamp: null, level: "info", messages: ["cron: refreshed sitemap"] }],
		exceptions: [],
	});
	emu.push(project, cron(1));
	await vi.waitFor(() => expect(stdout.text).toContain(cron(1).uuid));
	emu.outage(project, true);
	await vi.waitFor(() => expect(stderr.text).toContain("reconnecting"));
	emu.push(project, cron(2));
	emu.outage(project, false);
	await vi.waitFor(() => expect(stderr.text).toMatch(/filled: \d+ entr/));
	// The next run, live: history showed two of this line, live one so far; this one is new.
	emu.push(project, cron(3));
	emu.push(project, invocation("after"));
	await vi.waitFor(() => expect(stdout.text).toContain("/after/"));
	await end();
	expect(stdout.text).toContain(cron(3).uuid);
	expect(emu.sent(project)).toContain(cron(3).uuid);
});
