import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { parseEvent } from "../../source/model/normalize.js";
import type { TailEvent } from "../../source/model/types.js";
import { createRecorder } from "../../source/record/recorder.js";
import { replayFiles } from "../../source/record/replay.js";
import { ManualClock } from "../../source/util/clock.js";
import { sampleLines } from "../model/sample-events.js";
import { makeEvent, numberedEvents } from "../store/events.js";

const dir = mkdtempSync(join(tmpdir(), "bctail-recorder-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;
const freshPath = (): string => join(dir, `rec-${++fileCount}.ndjson`);
const read = (path: string): string => {
	try {
		return readFileSync(path, "utf8");
	} catch {
		return "";
	}
};

/** What a replayed event must keep from the recorded one (receivedAt is the replay's own). */
function comparable(event: TailEvent) {
	const { receivedAt: _, time, timeMissing, ...rest } = event;
	return { ...rest, timeMissing, time: timeMissing ? null : time };
}

describe("recorder", () => {
	it("buffers lines and writes them when the one-second timer on the clock fires", async () => {
		const path = freshPath();
		const clock = new ManualClock();
		const recorder = createRecorder(path, { clock, onError: () => {} });
		const events = numberedEvents(3);
		for (const event of events) recorder.write(event.json);
		// The file is opened (created) at once, but nothing is written before the timer is due.
		await vi.waitFor(() => expect(() => statSync(path)).not.toThrow());
		expect(clock.pending).toBe(1);
		clock.advance(999);
		expect(clock.pending).toBe(1);
		expect(read(path)).toBe("");
		clock.advance(1);
		expect(clock.pending).toBe(0);
		await vi.waitFor(() => expect(read(path)).toBe(events.map((e) => `${e.json}\n`).join("")));
		// The next line starts a new interval; flush() writes at once.
		recorder.write(makeEvent({ logs: ["later"] }).json);
		expect(clock.pending).toBe(1);
		await recorder.flush();
		expect(clock.pending).toBe(0);
		expect(read(path).split("\n")).toHaveLength(5);
		await recorder.close();
	});

	it("writes everything on close, in arrival order, one whole JSON line per event", async () => {
		const path = freshPath();
		const recorder = createRecorder(path, { clock: new ManualClock(), onError: () => {} });
		const events = numberedEvents(500);
		for (const event of events) recorder.write(event.json);
		await recorder.close();
		recorder.write(makeEvent().json); // ignored after close
		const lines = read(path).split("\n");
		expect(lines.pop()).toBe("");
		expect(lines).toEqual(events.map((e) => e.json));
	});

	it("writes early when the buffer is large, and appends to an existing file", async () => {
		const path = freshPath();
		appendFileSync(path, "existing\n");
		const recorder = createRecorder(path, {
			clock: new ManualClock(),
			onError: () => {},
			maxBufferChars: 1000,
		});
		const events = numberedEvents(50);
		for (const event of events) recorder.write(event.json);
		await vi.waitFor(() => expect(read(path).length).toBeGreaterThan(1000));
		await recorder.close();
		expect(read(path)).toBe(`existing\n${events.map((e) => `${e.json}\n`).join("")}`);
	});

	it("round trip: the sample events replay as the same events", async () => {
		const path = freshPath();
		const recorder = createRecorder(path, { clock: new ManualClock(), onError: () => {} });
		const recorded: TailEvent[] = [];
		for (const line of sampleLines) {
			const parsed = parseEvent(line, "fallback", 1_000);
			if (!parsed.ok) throw new Error("sample did not parse");
			recorded.push(parsed.event);
			recorder.write(parsed.event.json);
		}
		await recorder.close();
		const replayed: TailEvent[] = [];
		const result = await replayFiles([path], (event) => replayed.push(event));
		expect(result).toEqual({ events: sampleLines.length, bad: 0 });
		expect(replayed.map(comparable)).toEqual(recorded.map(comparable));
		// Unknown fields survive the round trip (the sample has `extra_field`).
		expect(replayed.some((e) => e.json.includes('"extra_field":"should be preserved"'))).toBe(true);
	});

	it("reports an unopenable file once and ignores later writes", async () => {
		for (const path of [join(dir, "missing-dir", "x.ndjson"), dir]) {
			const onError = vi.fn();
			const recorder = createRecorder(path, { clock: new ManualClock(), onError });
			recorder.write(makeEvent().json);
			await recorder.close();
			expect(onError).toHaveBeenCalledTimes(1);
			expect(onError.mock.calls[0]?.[0]).toMatch(/ENOENT|EISDIR/);
		}
	});

	it("stops on a write error (a full disk) after one report", async () => {
		const onError = vi.fn();
		const clock = new ManualClock();
		const recorder = createRecorder("/dev/full", { clock, onError });
		recorder.write(makeEvent().json);
		await recorder.flush();
		expect(onError).toHaveBeenCalledTimes(1);
		expect(onError.mock.calls[0]?.[0]).toMatch(/ENOSPC/);
		recorder.write(makeEvent().json);
		clock.advance(5000);
		await recorder.close();
		expect(onError).toHaveBeenCalledTimes(1);
		expect(clock.pending).toBe(0);
	});

	it("a recording killed with SIGKILL replays every whole line, skipping a torn one", async () => {
		const path = freshPath();
		const hook = fileURLToPath(new URL("./fixtures/ts-resolve-hook.mjs", import.meta.url));
		const script = fileURLToPath(new URL("./fixtures/record-forever.ts", import.meta.url));
		const child = spawn(process.execPath, ["--import", hook, script, path], {
			stdio: ["ignore", "pipe", "pipe"],
		});
		let stdout = "";
		let stderr = "";
		child.stdout.on("data", (chunk) => {
			stdout += chunk;
		});
		child.stderr.on("data", (chunk) => {
			stderr += chunk;
		});
		const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
			child.on("exit", (code, signal) => resolve(signal ?? code)),
		);
		await vi.waitFor(() => expect(stdout + stderr).toContain("flushing"), { timeout: 20_000 });
		// Let it write for a little longer, then kill it mid-stream.
		const size = statSync(path).size;
		await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(size + 100_000), { timeout: 20_000 });
		child.kill("SIGKILL");
		expect(await exited).toBe("SIGKILL");

		const text = read(path);
		const wholeLines = text.split("\n").length - 1;
		const check = async (extraBad: number) => {
			const seen: number[] = [];
			const result = await replayFiles([path], (event) =>
				seen.push(Number.parseInt(event.uuid.slice(-12), 16)),
			);
			expect(result.events).toBe(wholeLines);
			expect(result.bad).toBe((text.endsWith("\n") ? 0 : 1) + extraBad);
			// Every event, in order, none missing or repeated.
			expect(seen).toEqual(Array.from({ length: wholeLines }, (_, i) => i));
		};
		expect(wholeLines).toBeGreaterThan(2000);
		await check(0);
		// A write the OS only partly completed leaves a torn last line: simulate one explicitly.
		if (text.endsWith("\n")) {
			appendFileSync(path, '{"uuid":"00000000-0000-4000-8000-ffffffffffff","project_uuid":"6b20');
			await check(1);
		}
	}, 60_000);
});
