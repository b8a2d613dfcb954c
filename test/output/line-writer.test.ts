import { spawn } from "node:child_process";
import { once } from "node:events";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { createLineWriter } from "../../source/output/line-writer.js";

/** A real Writable that records each write and, when `hold` is set, completes them only on `release`. */
class RecordingWritable extends Writable {
	readonly chunks: string[] = [];
	hold = false;
	#held: (() => void)[] = [];

	constructor(highWaterMark = 16 * 1024) {
		super({ highWaterMark, decodeStrings: false });
	}

	override _write(chunk: string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
		this.chunks.push(chunk);
		if (this.hold) this.#held.push(() => callback());
		else callback();
	}

	release(): void {
		this.hold = false;
		const held = this.#held;
		this.#held = [];
		for (const done of held) done();
	}
}

describe("createLineWriter", () => {
	it("batches everything written in one tick into one write, in order", async () => {
		const stream = new RecordingWritable();
		const writer = createLineWriter(stream);
		const lines = Array.from({ length: 500 }, (_, i) => `line ${i}\n`);
		for (const line of lines) expect(writer.write(line)).toBe(true);
		expect(stream.chunks).toEqual([]);
		await writer.flush();
		expect(stream.chunks).toEqual([lines.join("")]);
	});

	it("writes at once when a batch is full", () => {
		const stream = new RecordingWritable();
		const writer = createLineWriter(stream, { batchSize: 16 });
		writer.write("0123456789\n");
		expect(stream.chunks).toEqual([]);
		writer.write("abcdef\n");
		expect(stream.chunks).toEqual(["0123456789\nabcdef\n"]);
	});

	it("writes the rest on the next tick without a flush", async () => {
		const stream = new RecordingWritable();
		const writer = createLineWriter(stream);
		writer.write("a\n");
		await vi.waitFor(() => expect(stream.chunks).toEqual(["a\n"]));
	});

	it("holds every text while the stream is blocked, never dropping, and reports needsDrain", async () => {
		const stream = new RecordingWritable(8);
		stream.hold = true;
		const writer = createLineWriter(stream, { batchSize: 10 });
		expect(writer.write("first line\n")).toBe(false);
		expect(writer.needsDrain).toBe(true);
		expect(stream.chunks).toEqual(["first line\n"]);

		// Held here, not pushed into the blocked stream, however much waits.
		const held = Array.from({ length: 1000 }, (_, i) => `held ${i}\n`);
		for (const line of held) expect(writer.write(line)).toBe(false);
		expect(writer.buffered).toBe(held.join("").length);
		expect(stream.chunks).toEqual(["first line\n"]);

		let drained = false;
		const draining = writer.drained().then(() => {
			drained = true;
		});
		const flushing = writer.flush();
		expect(drained).toBe(false);

		stream.release();
		await draining;
		await vi.waitFor(() => {
			stream.release();
			expect(writer.buffered).toBe(0);
		});
		await flushing;
		expect(writer.needsDrain).toBe(false);
		expect(stream.chunks.join("")).toBe(`first line\n${held.join("")}`);
	});

	it("drains a large backlog in bounded writes, in order", async () => {
		const stream = new RecordingWritable(8);
		stream.hold = true;
		const writer = createLineWriter(stream, { batchSize: 4 });
		writer.write("x\n");
		const line = `${"y".repeat(1000)}\n`;
		for (let i = 0; i < 3000; i++) writer.write(line);
		stream.hold = false;
		stream.release();
		await writer.flush();
		// 3 MB waited: more than one write, none of them much over 1 MiB.
		expect(stream.chunks.length).toBeGreaterThan(2);
		for (const chunk of stream.chunks) expect(chunk.length).toBeLessThanOrEqual((1 << 20) + line.length);
		expect(stream.chunks.join("")).toBe(`x\n${line.repeat(3000)}`);
	});

	it("reports any other write failure once, with the error", async () => {
		const failing = new Writable({
			write(_chunk, _encoding, callback) {
				callback(Object.assign(new Error("disk full"), { code: "ENOSPC" }));
			},
		});
		const onClosed = vi.fn();
		const writer = createLineWriter(failing, { onClosed });
		writer.write("a\n");
		await writer.flush();
		writer.write("b\n");
		await writer.flush();
		expect(onClosed).toHaveBeenCalledTimes(1);
		expect(onClosed.mock.calls[0]?.[0]).toMatchObject({ message: "disk full" });
		expect(writer.closed).toBe(true);
	});

	it("ends quietly on EPIPE when the reader of a real pipe exits", async () => {
		const child = spawn(
			process.execPath,
			[
				"-e",
				'require("node:readline").createInterface({ input: process.stdin }).once("line", () => process.exit(0))',
			],
			{ stdio: ["pipe", "ignore", "ignore"] },
		);
		const exited = once(child, "exit");
		const onClosed = vi.fn();
		const writer = createLineWriter(child.stdin, { onClosed });
		const line = `${"event text ".repeat(10)}\n`;
		// Bounded: a pipe buffer is 64 KiB, so the reader's exit is seen long before this ends.
		for (let round = 0; round < 20_000 && !writer.closed; round++) {
			for (let i = 0; i < 100; i++) writer.write(line);
			await writer.flush();
		}
		await exited;
		await vi.waitFor(() => expect(onClosed).toHaveBeenCalled());
		expect(onClosed).toHaveBeenCalledTimes(1);
		expect(onClosed).toHaveBeenCalledWith(null);
		expect(writer.closed).toBe(true);
		// Writing after the close is a quiet no-op.
		expect(() => writer.write(line)).not.toThrow();
		await writer.flush();
	});

	it("lets a process writing to stdout exit 0 quietly when its reader goes away (bctail | head -1)", async () => {
		const writerUrl = new URL("../../source/output/line-writer.ts", import.meta.url).href;
		// The child runs the TypeScript source directly (Node 22 strips types); it writes until told the
		// output closed, and exits 3 if that never happens within its bounded loop.
		const script = `
			import { createLineWriter } from ${JSON.stringify(writerUrl)};
			let closed = false;
			const writer = createLineWriter(process.stdout, {
				onClosed(error) {
					closed = true;
					if (error) process.stderr.write("unexpected: " + error.message);
					process.exitCode = error ? 1 : 0;
				},
			});
			for (let round = 0; round < 20000 && !closed; round++) {
				for (let i = 0; i < 100; i++) writer.write("line " + round + " " + i + "\\n");
				await writer.flush();
			}
			if (!closed) process.exitCode = 3;
		`;
		const child = spawn(process.execPath, ["--no-warnings", "--input-type=module", "-e", script], {
			stdio: ["ignore", "pipe", "pipe"],
			cwd: fileURLToPath(new URL("../..", import.meta.url)),
		});
		let stderr = "";
		child.stderr.setEncoding("utf8");
		child.stderr.on("data", (chunk: string) => {
			stderr += chunk;
		});
		let first = "";
		child.stdout.setEncoding("utf8");
		await new Promise<void>((resolve) => {
			const onData = (chunk: string): void => {
				first += chunk;
				if (first.includes("\n")) {
					child.stdout.off("data", onData);
					// Like `head -1`: read one line, then close the read end.
					child.stdout.destroy();
					resolve();
				}
			};
			child.stdout.on("data", onData);
		});
		const [code] = await once(child, "exit");
		expect(first.split("\n")[0]).toBe("line 0 0");
		expect(stderr).toBe("");
		expect(code).toBe(0);
	});
});
