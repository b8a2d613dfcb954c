import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRecorder, parseProjectLine, projectLine } from "../../source/record/recorder.js";
import { replayFiles } from "../../source/record/replay.js";
import { createReplayStore, loadRecording } from "../../source/record/replay-store.js";
import { createTailStore } from "../../source/store/store.js";
import { ManualClock } from "../../source/util/clock.js";
import { makeEvent, PROJECT_A, PROJECT_B, rawEvent } from "../store/events.js";

const dir = mkdtempSync(join(tmpdir(), "bctail-names-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;
const path = (): string => join(dir, `r-${++count}.ndjson`);

const line = (project: string, time: string, text = "hello"): string =>
	JSON.stringify(rawEvent({ project, time, logs: [text] }));

describe("project names in --save recordings", () => {
	it("the recorder writes a name line once per name, among the events", async () => {
		const file = path();
		const recorder = createRecorder(file, { clock: new ManualClock(), onError: () => {} });
		recorder.writeProject(PROJECT_A, "production");
		recorder.write(line(PROJECT_A, "2026-01-01T00:00:00.000Z"));
		recorder.writeProject(PROJECT_A, "production");
		recorder.writeProject(PROJECT_B, "preview");
		await recorder.close();
		const lines = readFileSync(file, "utf8").trimEnd().split("\n");
		expect(lines).toHaveLength(3);
		expect(parseProjectLine(lines[0] ?? "")).toEqual({ uuid: PROJECT_A, name: "production" });
		expect(parseProjectLine(lines[1] ?? "")).toBeNull();
		expect(parseProjectLine(lines[2] ?? "")).toEqual({ uuid: PROJECT_B, name: "preview" });
	});

	it("replay hands name lines to onProject, never counts them as events or bad lines", async () => {
		const file = path();
		writeFileSync(
			file,
			`${projectLine(PROJECT_A, "production")}\n${line(PROJECT_A, "2026-01-01T00:00:00.000Z")}\n`,
		);
		const names: string[] = [];
		const result = await replayFiles([file], () => {}, {
			onProject: (uuid, name) => names.push(`${uuid} ${name}`),
		});
		expect(result).toEqual({ events: 1, bad: 0 });
		expect(names).toEqual([`${PROJECT_A} production`]);
		// Line mode passes no onProject: the line is skipped quietly.
		expect(await replayFiles([file], () => {})).toEqual({ events: 1, bad: 0 });
	});

	it("a replayed pane shows the recorded name and says replay; an old recording shows UUID prefixes", async () => {
		const named = path();
		writeFileSync(
			named,
			`${line(PROJECT_A, "2026-01-01T00:00:00.000Z")}\n${projectLine(PROJECT_A, "production")}\n`,
		);
		const store = createReplayStore({ scrollback: 100 });
		await loadRecording(store, [named], new AbortController().signal);
		store.flush();
		const [pane] = store.getSnapshot().panes;
		expect(pane?.title).toBe("production");
		expect(pane?.replay).toBe(true);
		store.dispose();

		const old = path();
		writeFileSync(
			old,
			`${line(PROJECT_A, "2026-01-01T00:00:00.000Z")}\n${line(PROJECT_B, "2026-01-01T00:00:01.000Z")}\n`,
		);
		const plain = createReplayStore({ scrollback: 100 });
		await loadRecording(plain, [old], new AbortController().signal);
		plain.flush();
		expect(plain.getSnapshot().panes.map((p) => p.title)).toEqual([
			PROJECT_A.slice(0, 8),
			PROJECT_B.slice(0, 8),
		]);
		expect(plain.getSnapshot().notice).toBe("loaded 2 events");
		plain.dispose();
	});
});

describe("replay panes", () => {
	it("the sparkline follows event time, not load time: 60 s of recorded traffic spreads over the line", () => {
		const clock = new ManualClock(Date.UTC(2026, 5, 1));
		const store = createTailStore({ clock, replay: true });
		// One event every two seconds over a minute of 2026-01-01, all loaded at one instant in June.
		for (let s = 0; s < 60; s += 2) {
			const time = new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
			store.ingest(makeEvent({ project: PROJECT_A, time }, clock.now()));
		}
		store.flush();
		const rate = store.getSnapshot().panes[0]?.rate ?? [];
		expect(rate.filter((n) => n > 0)).toHaveLength(30);
		expect(Math.max(...rate)).toBe(1);
		store.dispose();
	});

	it("two unnamed panes sharing 8 characters get titles that differ", () => {
		const store = createTailStore({ clock: new ManualClock() });
		const a = "0193a4c2-7b1e-7000-8000-000000000001";
		const b = "0193a4c2-8c2f-7000-8000-000000000002";
		store.addProject(a);
		store.addProject(b);
		store.flush();
		expect(store.getSnapshot().panes.map((p) => p.title)).toEqual(["0193a4c2-7", "0193a4c2-8"]);
		store.removeProject(b);
		store.flush();
		expect(store.getSnapshot().panes.map((p) => p.title)).toEqual(["0193a4c2"]);
		store.dispose();
	});
});
