/**
 * Line mode with a past: `--since` prints history first and then follows live with no seam, and an
 * outage of the stream is filled from history, so `bctail --format json > file` run through it holds
 * every entry exactly once.
 */
import { afterEach, expect, test, vi } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { entryFingerprint, eventFingerprints } from "../../source/model/fingerprint.js";
import { parseHistoryEntry } from "../../source/model/history-entry.js";
import { parseEvent } from "../../source/model/normalize.js";
import { startLineMode } from "../support/line-mode-run.js";

let emulator: Emulator | undefined;
afterEach(async () => {
	await emulator?.close();
	emulator = undefined;
});

let counter = 0;
function invocation(at: number, tag: string): Record<string, unknown> {
	counter += 1;
	const ts = new Date(at).toISOString();
	return {
		uuid: `${tag}-${counter}`,
		timestamp: ts,
		request: { method: "POST", url: `/api/${tag}/${counter}`, status_code: 200 },
		logs: [{ timestamp: ts, level: "warn", messages: [`${tag} ${counter}`, { n: counter }] }],
		exceptions: [],
	};
}

/** The fingerprints of every NDJSON line: live events whole, history events by their entries. */
function fingerprintsOf(ndjson: string, project: string): string[] {
	return ndjson
		.split("\n")
		.filter((line) => line !== "")
		.flatMap((line) => {
			const value = JSON.parse(line) as { history?: boolean; entries?: unknown[] };
			if (value.history === true) {
				return (value.entries ?? []).map((raw) => entryFingerprint(parseHistoryEntry(raw, project)!));
			}
			const parsed = parseEvent(line, project, Date.now());
			if (!parsed.ok) throw new Error(`not an event: ${line}`);
			return eventFingerprints(parsed.event);
		})
		.sort();
}

test("--since, an outage and live again: every entry exactly once in the NDJSON", async () => {
	const emu = await createEmulator({ rate: 0, keepAliveMs: 100, streamEndMs: 0 });
	emulator = emu;
	const project = emu.projects[0]!.uuid;
	const now = Date.now();
	for (let i = 0; i < 30; i++) emu.push(project, invocation(now - 200_000 + i * 1000, "past"));
	const { stdout, stderr, stop } = startLineMode(emu, project, {
		sinceMs: 5 * 60_000,
		history: { fillDelayMs: 0 },
	});
	await vi.waitFor(() => expect(stderr.text).toContain("entries from the last 5 min; live from"));
	emu.push(project, invocation(Date.now(), "live"));
	await vi.waitFor(() => expect(stdout.text).toContain("/api/live/"));
	emu.outage(project, true);
	await vi.waitFor(() => expect(stderr.text).toContain("reconnecting"));
	for (let i = 0; i < 8; i++) emu.push(project, invocation(Date.now(), "missed"));
	emu.outage(project, false);
	await vi.waitFor(() => expect(stderr.text).toMatch(/filled: \d+ entries from history/));
	emu.push(project, invocation(Date.now(), "after"));
	await vi.waitFor(() => expect(stdout.text).toContain("/api/after/"));
	expect(await stop()).toBe(0);

	const expected = emu
		.history(project)
		.map((raw) => entryFingerprint(parseHistoryEntry(raw, project)!))
		.sort();
	expect(fingerprintsOf(stdout.text, project)).toEqual(expected);
	expect(stderr.text).toContain("reading what was missed from history");
	expect(stderr.text).toContain(`filled: ${8 * 2} entries from history`);
});
