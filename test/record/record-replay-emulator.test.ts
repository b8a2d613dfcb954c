import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { TailEvent, TailSink } from "../../source/model/types.js";
import { createRecorder } from "../../source/record/recorder.js";
import { replayFiles } from "../../source/record/replay.js";
import { createTailStore } from "../../source/store/store.js";
import type { TailStore } from "../../source/store/types.js";
import { createTailClient } from "../../source/stream/tail-client.js";
import { systemClock } from "../../source/util/clock.js";

const dir = mkdtempSync(join(tmpdir(), "bctail-e2e-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every row of every pane, as text, for comparing two stores. */
function rowsOf(store: TailStore): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	// Publish first: the snapshot may predate the last events, and its sizes would cut their rows off.
	store.flush();
	for (const pane of store.getSnapshot().panes) {
		store.setViewport(pane.id, pane.size);
	}
	store.flush();
	for (const pane of store.getSnapshot().panes) {
		out[pane.id] = pane.rows.map((row) => `${row.entry.kind} ${row.entry.level} ${row.entry.text}`);
	}
	return out;
}

it("record → replay round trip against the emulator gives the same events and the same panes", async () => {
	const emulator = await createEmulator({ rate: 400, hostile: true, keepAliveMs: 50, streamEndMs: 300 });
	const path = join(dir, "session.ndjson");
	const live = createTailStore();
	const errors: string[] = [];
	const recorder = createRecorder(path, { clock: systemClock, onError: (message) => errors.push(message) });
	const received: TailEvent[] = [];
	// Wired by hand: every event goes to the store and to the recorder (the CLI does this through
	// cli/session-controller.ts, tested in test/cli/session-controller.test.ts).
	const sink: TailSink = {
		event(project, event) {
			received.push(event);
			live.event(project, event);
			recorder.write(event.json);
		},
		status: (project, status) => live.status(project, status),
		gap: (project, gap) => live.gap(project, gap),
		skip: (project, cause) => live.skip(project, cause),
	};
	const target = { origin: emulator.origin, storeHash: emulator.storeHash, token: emulator.token };
	const projects = emulator.projects.slice(0, 2).map((p) => p.uuid);
	const clients = projects.map((projectUuid) =>
		createTailClient({ target, projectUuid, sink, random: () => 0, minStreamMs: 0 }),
	);
	try {
		for (const project of projects) live.addProject(project);
		for (const client of clients) client.start();
		await vi.waitFor(
			() => {
				for (const project of projects) {
					expect(received.filter((e) => e.projectUuid === project).length).toBeGreaterThan(150);
				}
			},
			{ timeout: 20_000 },
		);
	} finally {
		await Promise.all(clients.map((client) => client.stop()));
		await recorder.close();
		await emulator.close();
	}
	expect(errors).toEqual([]);

	const file = readFileSync(path, "utf8");
	expect(file).not.toContain(emulator.token);
	expect(file.split("\n")).toHaveLength(received.length + 1);

	const replayedEvents: TailEvent[] = [];
	const replayed = createTailStore();
	const result = await replayFiles([path], (event) => {
		replayedEvents.push(event);
		replayed.ingest(event);
	});
	expect(result).toEqual({ events: received.length, bad: 0 });
	// An event without a timestamp is dated when received; a recording keeps the event as received, so
	// replay dates it at replay time. Everything else must be identical.
	// Field by field: events from parseEvent compute some fields in getters, which a spread would miss.
	const strip = (event: TailEvent) => ({
		uuid: event.uuid,
		projectUuid: event.projectUuid,
		time: event.timeMissing ? 0 : event.time,
		timeMissing: event.timeMissing,
		request: event.request,
		logs: event.logs,
		exceptions: event.exceptions,
		json: event.json,
	});
	expect(replayedEvents.map(strip)).toEqual(received.map(strip));
	// One pane per project, with the same rows (hostile text sanitized the same way).
	expect(rowsOf(replayed)).toEqual(rowsOf(live));
	live.dispose();
	replayed.dispose();
}, 60_000);
