/**
 * Line mode against a slow reader on a real pipe: a live stream's events wait for the reader and are
 * never dropped silently. Up to the backlog budget nothing is lost; past it the loss is counted, said
 * on stderr and turns the exit code to 1, while `--save` still records every event.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, expect, it, vi } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { startLineMode } from "../support/line-mode-run.js";

const folder = mkdtempSync(join(tmpdir(), "bctail-backpressure-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let emulator: Emulator;
const children: ChildProcess[] = [];

beforeEach(async () => {
	emulator = await createEmulator({ rate: 0, keepAliveMs: 100, streamEndMs: 0 });
});

afterEach(async () => {
	for (const child of children.splice(0)) child.kill("SIGKILL");
	await emulator.close();
});

/**
 * A reader process on the other end of a real pipe: it reads nothing until SIGUSR1, then counts lines
 * and says `all <n>` on its stdout once it has `expected` of them.
 */
function slowReader(expected: number): { child: ChildProcess; said: () => string } {
	const script = `
		let count = 0;
		process.on("SIGUSR1", () => {
			process.stdin.on("data", (chunk) => {
				for (const byte of chunk) if (byte === 10) count++;
				if (count === ${expected}) process.stdout.write("all " + count + "\\n");
			});
		});
		process.stdout.write("ready\\n");
		setInterval(() => {}, 1 << 30);
	`;
	const child = spawn(process.execPath, ["-e", script], { stdio: ["pipe", "pipe", "ignore"] });
	children.push(child);
	let said = "";
	child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
		said += chunk;
	});
	return { child, said: () => said };
}

function event(n: number, size: number): Record<string, unknown> {
	return {
		uuid: `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
		timestamp: "2026-01-01T00:00:00.000Z",
		request: { method: "GET", url: `/item/${n}`, status_code: 200 },
		logs: [{ timestamp: "2026-01-01T00:00:00.000Z", level: "info", messages: ["x".repeat(size)] }],
		exceptions: [],
	};
}

/**
 * Pushes `count` events. The emulator skips a stream whose own backlog passed 8 MiB (as a real server
 * drops a slow consumer): an event it skipped is pushed again once the client has read some.
 */
async function pushAll(project: string, count: number, size: number): Promise<void> {
	for (let n = 0; n < count; n++) {
		while (emulator.push(project, event(n, size)) === 0)
			await new Promise((resolve) => setImmediate(resolve));
	}
}

/** Event lines of a recording (its `bctail_project` name lines are not events). */
const lineCount = (path: string): number => {
	try {
		return readFileSync(path, "utf8")
			.split("\n")
			.filter((line) => line !== "" && !line.startsWith('{"bctail_project"')).length;
	} catch {
		return 0;
	}
};

async function start(options: { save: string; maxBacklogChars?: number; stdout: NodeJS.WritableStream }) {
	const project = emulator.projects[0]!.uuid;
	const run = startLineMode(emulator, project, {
		save: options.save,
		stdout: options.stdout,
		...(options.maxBacklogChars === undefined ? {} : { maxBacklogChars: options.maxBacklogChars }),
	});
	await vi.waitFor(() => expect(emulator.openStreams(project)).toBeGreaterThan(0), { timeout: 10_000 });
	return { stderr: run.stderr, stop: run.stop, project };
}

it("holds a 12 MB live backlog for a reader that stalls, and delivers every event", async () => {
	const count = 2000;
	const reader = slowReader(count);
	await vi.waitFor(() => expect(reader.said()).toContain("ready"));
	const save = join(folder, "held.ndjson");
	const run = await start({ save, stdout: reader.child.stdin as NodeJS.WritableStream });
	await pushAll(run.project, count, 6000);
	// Every event has reached line mode once the recording holds it (it is teed after the printer).
	await vi.waitFor(() => expect(lineCount(save)).toBe(count), { timeout: 20_000 });
	reader.child.kill("SIGUSR1");
	await vi.waitFor(() => expect(reader.said()).toContain(`all ${count}`), { timeout: 20_000 });
	expect(await run.stop()).toBe(0);
	expect(run.stderr.text).not.toMatch(/not keeping up/);
});

it("counts, says and exits 1 when a live backlog passes its budget; --save keeps every event", async () => {
	const count = 1000;
	const reader = slowReader(count);
	await vi.waitFor(() => expect(reader.said()).toContain("ready"));
	const save = join(folder, "cut.ndjson");
	const run = await start({
		save,
		stdout: reader.child.stdin as NodeJS.WritableStream,
		maxBacklogChars: 256 * 1024,
	});
	await pushAll(run.project, count, 1000);
	await vi.waitFor(() => expect(run.stderr.text).toMatch(/not keeping up: \d+ event\(s\) not printed/), {
		timeout: 20_000,
	});
	await vi.waitFor(() => expect(lineCount(save)).toBe(count), { timeout: 20_000 });
	const ended = run.stop();
	// The reader never reads: end it so the final flush sees a closed pipe.
	reader.child.kill("SIGKILL");
	expect(await ended).toBe(1);
	const totals = [...run.stderr.text.matchAll(/not keeping up: (\d+) event/g)].map((match) =>
		Number(match[1]),
	);
	const lost = totals.at(-1) ?? 0;
	expect(lost).toBeGreaterThan(0);
	expect(lost).toBeLessThan(count);
});
