import { spawn } from "node:child_process";
import { once } from "node:events";
import { Writable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { createNoticeWriter } from "../../source/output/notice-writer.js";
import { describeOutputError } from "../../source/output/output-error.js";

const errno = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe("createNoticeWriter", () => {
	it("writes lines until its reader goes away, then drops them quietly", async () => {
		// A reader that exits at once: the pipe's other end is gone, as with `2>&1 | head -3`.
		const child = spawn(process.execPath, ["-e", "process.exit(0)"], { stdio: ["pipe", "ignore", "ignore"] });
		await once(child, "exit");
		const stderr = child.stdin;
		const notices = createNoticeWriter(stderr);
		const unhandled = vi.fn();
		process.on("uncaughtException", unhandled);
		try {
			for (let i = 0; i < 1000 && !notices.gone; i++) {
				notices.write(`bctail: notice ${i}`);
				await new Promise((resolve) => setImmediate(resolve));
			}
			expect(notices.gone).toBe(true);
			expect(() => notices.write("bctail: after")).not.toThrow();
			await new Promise((resolve) => setImmediate(resolve));
			expect(unhandled).not.toHaveBeenCalled();
		} finally {
			process.off("uncaughtException", unhandled);
		}
	});

	it("adds the newline, and stops at a write error", async () => {
		const written: string[] = [];
		let fail = false;
		const stream = new Writable({
			write(chunk: Buffer, _encoding, callback) {
				written.push(chunk.toString());
				callback(fail ? errno("EIO", "i/o error") : null);
			},
		});
		const notices = createNoticeWriter(stream);
		notices.write("one");
		await vi.waitFor(() => expect(written).toEqual(["one\n"]));
		fail = true;
		notices.write("two");
		await vi.waitFor(() => expect(notices.gone).toBe(true));
		notices.write("three");
		await new Promise((resolve) => setImmediate(resolve));
		expect(written).toEqual(["one\n", "two\n"]);
	});
});

describe("describeOutputError", () => {
	it.each([
		["ENOSPC", "no space left on the device (ENOSPC)"],
		["EIO", "an input/output error (EIO)"],
		["EROFS", "the file system is read-only (EROFS)"],
	])("says %s plainly", (code, words) => {
		expect(describeOutputError(errno(code, `${code}: raw, write`))).toBe(
			`bctail: cannot write to standard output: ${words}; output stopped`,
		);
	});

	it("falls back to the error's own message, with its code once", () => {
		expect(describeOutputError(errno("EXDEV", "cross-device\nlink"))).toBe(
			"bctail: cannot write to standard output: cross-device link (EXDEV); output stopped",
		);
		expect(describeOutputError(errno("EXDEV", "EXDEV: odd"))).toContain(": EXDEV: odd; output stopped");
		expect(describeOutputError(new Error("gone"), "the recording")).toBe(
			"bctail: cannot write to the recording: gone; output stopped",
		);
	});
});
