import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { TailEvent } from "../../source/model/types.js";
import { replayFiles, UNKNOWN_PROJECT } from "../../source/record/replay.js";
import { createTailStore } from "../../source/store/store.js";
import { ManualClock } from "../../source/util/clock.js";
import { sampleLines } from "../model/sample-events.js";
import { PROJECT_A, PROJECT_B, rawEvent } from "../store/events.js";

const dir = mkdtempSync(join(tmpdir(), "bctail-replay-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;
function file(content: string): string {
	const path = join(dir, `f-${++fileCount}.ndjson`);
	writeFileSync(path, content);
	return path;
}

async function collect(paths: string[], options = {}) {
	const events: TailEvent[] = [];
	const result = await replayFiles(paths, (event) => events.push(event), options);
	return { events, result };
}

describe("replayFiles", () => {
	it("loads every event of several files in order", async () => {
		const a = file(`${sampleLines.slice(0, 3).join("\n")}\n`);
		const b = file(`${sampleLines.slice(3).join("\n")}\n`);
		const { events, result } = await collect([a, b]);
		expect(result).toEqual({ events: sampleLines.length, bad: 0 });
		expect(events.map((e) => e.uuid)).toEqual(sampleLines.map((line) => JSON.parse(line).uuid));
	});

	it("skips blank lines, counts bad ones, and accepts CRLF, a BOM and a last line without newline", async () => {
		const good = (text: string) => JSON.stringify(rawEvent({ logs: [text] }));
		const content = [
			`\ufeff${good("first")}`,
			"",
			"   ",
			"not json",
			'{"no_uuid":1}',
			"[1,2]",
			`${good("crlf")}\r`,
			good("last, no newline"),
		].join("\n");
		const { events, result } = await collect([file(content)]);
		expect(result).toEqual({ events: 3, bad: 3 });
		expect(events.map((e) => e.logs[0]?.text)).toEqual(["first", "crlf", "last, no newline"]);
	});

	it("counts a torn last line as bad", async () => {
		const whole = JSON.stringify(rawEvent({ logs: ["whole"] }));
		const { events, result } = await collect([file(`${whole}\n${whole.slice(0, 40)}`)]);
		expect(result).toEqual({ events: 1, bad: 1 });
		expect(events).toHaveLength(1);
	});

	it("gives events without project_uuid to the `unknown` project", async () => {
		const raw = rawEvent();
		delete raw.project_uuid;
		const { events } = await collect([file(`${JSON.stringify(raw)}\n`)]);
		expect(events[0]?.projectUuid).toBe(UNKNOWN_PROJECT);
	});

	it("reads standard input for `-`", async () => {
		const stdin = Readable.from([Buffer.from(`${sampleLines[0]}\n${sampleLines[1]}`)]);
		const { result } = await collect(["-"], { stdin });
		expect(result).toEqual({ events: 2, bad: 0 });
	});

	it("keeps lines and multi-byte characters intact across chunk boundaries", async () => {
		// Well over one 256 KiB chunk, with 2-, 3- and 4-byte UTF-8 characters everywhere.
		const texts = Array.from({ length: 3000 }, (_, i) => `é中🙂 ${i} ${"ü".repeat(i % 97)}`);
		const content = texts.map((text) => JSON.stringify(rawEvent({ logs: [text] }))).join("\n");
		const path = file(content);
		expect(statSync(path).size).toBeGreaterThan(3 * 256 * 1024);
		const progress: [number, number][] = [];
		const { events, result } = await collect([path], {
			onProgress: (bytes: number, count: number) => progress.push([bytes, count]),
			progressIntervalMs: 0,
		});
		expect(result).toEqual({ events: 3000, bad: 0 });
		expect(events.map((e) => e.logs[0]?.text)).toEqual(texts);
		expect(progress.length).toBeGreaterThan(2);
		expect(progress.at(-1)).toEqual([statSync(path).size, 3000]);
	});

	it("counts an over-long line as bad and goes on with the next", async () => {
		const good = JSON.stringify(rawEvent({ logs: ["after"] }));
		const long = JSON.stringify(rawEvent({ logs: ["y".repeat(5000)] }));
		const { events, result } = await collect([file(`${long}\n${good}\n`)], { maxLineChars: 1000 });
		expect(result).toEqual({ events: 1, bad: 1 });
		expect(events[0]?.logs[0]?.text).toBe("after");
	});

	it("stops at once when aborted (even from inside onEvent) and resolves with what it loaded", async () => {
		const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify(rawEvent({ logs: [`n ${i}`] })));
		const path = file(lines.join("\n"));
		const controller = new AbortController();
		let seen = 0;
		const result = await replayFiles(
			[path, path],
			() => {
				seen++;
				if (seen === 1000) controller.abort();
			},
			{ signal: controller.signal },
		);
		expect(seen).toBe(1000);
		expect(result.events).toBe(1000);
	});

	it("rejects when a file cannot be read", async () => {
		await expect(replayFiles([join(dir, "nope.ndjson")], () => {})).rejects.toThrow(/ENOENT/);
	});

	it("loads into the store: one pane per project, with every entry", async () => {
		const content = [
			rawEvent({ project: PROJECT_A, logs: ["a1", "a2"] }),
			rawEvent({ project: PROJECT_B, exceptions: [{ name: "E", message: "b" }] }),
			rawEvent({ project: PROJECT_A }),
		]
			.map((raw) => JSON.stringify(raw))
			.join("\n");
		const store = createTailStore({ clock: new ManualClock() });
		await replayFiles([file(content)], (event) => store.ingest(event));
		store.flush();
		const panes = store.getSnapshot().panes;
		expect(panes.map((p) => [p.id, p.size, p.totals.events])).toEqual([
			[PROJECT_A, 3, 2],
			[PROJECT_B, 2, 1],
		]);
		expect(store.exceptionsOf(PROJECT_B).map((e) => e.text)).toEqual(["E: b"]);
	});

	it("stops reading while holdOff says to wait, and goes on when told (backpressure)", async () => {
		const lines = Array.from({ length: 5000 }, (_, n) => JSON.stringify(rawEvent({ logs: [`held ${n}`] })));
		const path = file(`${lines.join("\n")}\n`);
		let release: () => void = () => {};
		let holding = true;
		let held = 0;
		const events: TailEvent[] = [];
		const loading = replayFiles([path], (event) => events.push(event), {
			holdOff: () => {
				if (!holding) return null;
				held++;
				return new Promise<void>((resolve) => {
					release = resolve;
				});
			},
		});
		// The first chunk's events arrived; then nothing more is read until the hold is released.
		await vi.waitFor(() => expect(held).toBe(1));
		const firstChunk = events.length;
		expect(firstChunk).toBeGreaterThan(0);
		expect(firstChunk).toBeLessThan(lines.length);
		holding = false;
		release();
		const result = await loading;
		expect(result).toEqual({ events: lines.length, bad: 0 });
		expect(held).toBe(1);
		expect(events.map((event) => event.uuid)).toEqual(lines.map((line) => JSON.parse(line).uuid));
	});
});
