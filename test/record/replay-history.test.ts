/**
 * History events in a recording (`--save` writes them tail-shaped, marked `"history": true`) replay
 * as the events they were: same uuid, request, logs and exceptions, same fingerprints.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { eventFingerprints } from "../../source/model/fingerprint.js";
import { parseHistoryEntry, parseHistoryPage } from "../../source/model/history-entry.js";
import { groupHistoryEntries } from "../../source/model/history-group.js";
import type { TailEvent } from "../../source/model/types.js";
import { replayFiles } from "../../source/record/replay.js";
import { sampleLogQueryPage } from "../model/sample-events.js";

const folder = mkdtempSync(join(tmpdir(), "bctail-replay-history-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

test("history events saved as JSON lines replay with the same rows and fingerprints", async () => {
	const project = "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1001";
	const page = parseHistoryPage(sampleLogQueryPage());
	if (!page.ok) throw new Error(page.error);
	const entries = [...page.entries]
		.reverse()
		.map((raw) => parseHistoryEntry(raw, project))
		.filter((entry) => entry !== null);
	const events = groupHistoryEntries(entries, project, { receivedAt: Date.UTC(2026, 5, 15) });
	const file = join(folder, "history.ndjson");
	writeFileSync(file, `${events.map((event) => event.json).join("\n")}\n`);
	const replayed: TailEvent[] = [];
	const result = await replayFiles([file], (event) => replayed.push(event));
	expect(result.bad).toBe(0);
	expect(replayed.map((event) => event.uuid)).toEqual(events.map((event) => event.uuid));
	for (const [index, event] of events.entries()) {
		const again = replayed[index] as TailEvent;
		expect(again.request).toEqual(event.request);
		expect(again.logs.map((log) => log.text)).toEqual(event.logs.map((log) => log.text));
		expect(again.exceptions.map((e) => `${e.name}: ${e.message}`)).toEqual(
			event.exceptions.map((e) => `${e.name}: ${e.message}`),
		);
		if (!event.timeMissing) expect(eventFingerprints(again)).toEqual(eventFingerprints(event));
	}
});
