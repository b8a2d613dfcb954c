/**
 * `--save` holds what scroll-back brought too (issue 10: "`--save` records history entries too, and
 * `replay` reads them back"): a session against the emulator over loopback scrolls back with the
 * recorder on; the recording holds the older page's events, marked as history, and replaying it
 * shows the pane's rows in the same order as the live session did (the older page in front, not at
 * the bottom where file order would put it).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, expect, it } from "vitest";
import { loadOlder } from "../../source/cli/history-actions.js";
import { createSessionController, type SessionController } from "../../source/cli/session-controller.js";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { parseEvent } from "../../source/model/normalize.js";
import { createRecorder } from "../../source/record/recorder.js";
import { createReplayStore, loadRecording } from "../../source/record/replay-store.js";
import { createTailStore } from "../../source/store/store.js";
import type { PaneSnapshot, TailStore } from "../../source/store/types.js";
import { systemClock } from "../../source/util/clock.js";

const folder = mkdtempSync(join(tmpdir(), "bctail-save-reads-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let emulator: Emulator;
let session: SessionController | undefined;
const stores: TailStore[] = [];
beforeEach(async () => {
	emulator = await createEmulator({ rate: 0, keepAliveMs: 100, streamEndMs: 0 });
});
afterEach(async () => {
	await session?.stopAll();
	for (const store of stores.splice(0)) store.dispose();
	await emulator.close();
});

function invocation(at: number, n: number): Record<string, unknown> {
	const ts = new Date(at).toISOString();
	return {
		uuid: `inv-${n}`,
		timestamp: ts,
		request: { method: "GET", url: `/page/${n}`, status_code: 200 },
		logs: [{ timestamp: ts, level: "info", messages: [`row ${n}`] }],
		exceptions: [],
	};
}

/** The texts of every row of the project's pane, top to bottom. */
function texts(store: TailStore, project: string): string[] {
	store.setViewport(project, 1_000_000);
	store.flush();
	const pane = store.getSnapshot().panes.find((p) => p.id === project) as PaneSnapshot;
	return pane.rows.map((row) => row.entry.text);
}

it("records the older page a scroll-back brought, and replay puts it back in front", async () => {
	const project = emulator.projects[0]?.uuid as string;
	const file = join(folder, "session.ndjson");
	const recorder = createRecorder(file, { clock: systemClock, onError: (message) => expect.fail(message) });
	const live = createTailStore({ schedule: (slice) => setImmediate(slice) });
	stores.push(live);
	session = createSessionController({
		target: { origin: emulator.origin, storeHash: emulator.storeHash, token: emulator.token },
		sink: live,
		recorder,
		idleTimeoutMs: 30_000,
		maxEventBytes: 1 << 20,
		history: { sinceMs: 0, pageSize: 50, fillSeams: false, fillGaps: false },
	});
	session.open({ uuid: project, name: "shop" });
	const now = Date.now();
	for (let n = 0; n < 5; n++) emulator.push(project, invocation(now - 3_600_000 + n * 60_000, n));
	// A live row, recorded as the stream would record it: the page goes in front of it.
	const recent = invocation(now - 1000, 99);
	const parsed = parseEvent(JSON.stringify({ ...recent, project_uuid: project }), project, now);
	if (!parsed.ok) throw new Error("bad test event");
	live.ingest(parsed.event);
	recorder.write(parsed.event.json);

	await loadOlder(live, session, project);
	const liveRows = texts(live, project).filter((text) => text.startsWith("row "));
	expect(liveRows).toEqual(["row 0", "row 1", "row 2", "row 3", "row 4", "row 99"]);
	await session.stopAll();
	await recorder.close();

	const lines = readFileSync(file, "utf8").trim().split("\n");
	const history = lines.filter((line) => line.includes('"history":true'));
	// Each invocation of the page is one history event (its request and log rows grouped back).
	expect(history).toHaveLength(5);

	const replayed = createReplayStore({ scrollback: 1000 });
	stores.push(replayed);
	await loadRecording(replayed, [file], new AbortController().signal);
	expect(texts(replayed, project).filter((text) => text.startsWith("row "))).toEqual(liveRows);
});
