import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runTui, stopTui, type TuiExit } from "../../source/ui/run-tui.js";
import { FakeTtyIn, FakeTtyOut, type WriteLog } from "./support/fake-tty.js";
import { pane, projectA, ScriptedStore, snapshot } from "./support/fixtures.js";

const enterAlt = "\x1b[?1049h";
const leaveAlt = "\x1b[?1049l";

let running: Promise<TuiExit> | null = null;
afterEach(async () => {
	stopTui();
	await running;
	running = null;
});

function setup(
	store = new ScriptedStore(snapshot({ panes: [pane({ id: projectA, title: "storefront" })] })),
) {
	const log: WriteLog = [];
	const stdout = new FakeTtyOut(log, "stdout", 100, 30);
	const stderr = new FakeTtyOut(log, "stderr", 100, 30);
	const stdin = new FakeTtyIn();
	const signals = new EventEmitter();
	const stopProcess = vi.fn(() => {});
	const done = runTui({
		store,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		signals,
		stopProcess,
	});
	running = done;
	return { log, stdout, stderr, stdin, signals, stopProcess, done, store };
}

/** Waits until the app is on the alternate screen and listening for keys. */
async function ready(t: ReturnType<typeof setup>): Promise<void> {
	await vi.waitFor(() => {
		expect(t.stdout.text()).toContain(enterAlt);
		expect(t.stdout.text()).toContain("storefront");
		expect(t.stdin.rawModes.at(-1)).toBe(true);
	});
}

/** The terminal is back to normal: alternate screen left last, raw mode off. */
function expectRestored(t: ReturnType<typeof setup>): void {
	const out = t.stdout.text();
	expect(out.lastIndexOf(leaveAlt)).toBeGreaterThan(out.lastIndexOf(enterAlt));
	expect(t.stdin.rawModes.at(-1)).toBe(false);
}

describe("runTui", () => {
	it("draws on the alternate screen and restores the terminal on q", async () => {
		const t = setup();
		await ready(t);
		t.stdin.type("q");
		await expect(t.done).resolves.toEqual({ reason: "quit" });
		expectRestored(t);
	});

	it("quits on Ctrl-C", async () => {
		const t = setup();
		await ready(t);
		t.stdin.type("\x03");
		await expect(t.done).resolves.toEqual({ reason: "quit" });
		expectRestored(t);
	});

	it.each(["SIGTERM", "SIGHUP", "SIGINT"] as const)("restores the terminal on %s", async (signal) => {
		const t = setup();
		await ready(t);
		t.signals.emit(signal);
		await expect(t.done).resolves.toEqual({ reason: "signal", signal });
		expectRestored(t);
		// The handlers are gone once the TUI ended.
		expect(t.signals.listenerCount(signal)).toBe(0);
	});

	it("restores the terminal synchronously from process 'exit' (process.exit() in some handler)", async () => {
		const t = setup();
		await ready(t);
		// Nothing after the exit listeners runs: no await between the exit and the check.
		t.signals.emit("exit", 3);
		expectRestored(t);
		expect(t.stdout.text()).toContain("\x1b[?25h");
	});

	it("prints an uncaught error after the screen is restored", async () => {
		const t = setup();
		await ready(t);
		t.signals.emit("uncaughtException", new Error("kaboom \x1b]52;c;ZXZpbA==\x07"));
		const exit = await t.done;
		expect(exit.reason).toBe("error");
		expectRestored(t);
		const leftAt = t.log.findLastIndex((write) => write.stream === "stdout" && write.text.includes(leaveAlt));
		const printedAt = t.log.findIndex((write) => write.stream === "stderr" && write.text.includes("kaboom"));
		expect(printedAt).toBeGreaterThan(leftAt);
		// The error text reaches the terminal sanitized.
		expect(t.stderr.text()).toContain("bctail: Error: kaboom");
		expect(t.stderr.text()).not.toContain("\x1b]52");
	});

	it("ends with the error when rendering throws", async () => {
		const t = setup();
		await ready(t);
		t.store.getSnapshot = () => {
			throw new Error("render broke");
		};
		t.store.set(snapshot());
		const exit = await t.done;
		expect(exit.reason).toBe("error");
		expectRestored(t);
		expect(t.stderr.text()).toContain("render broke");
	});

	it("Ctrl-Z leaves the screen, stops the process, and redraws on SIGCONT", async () => {
		const t = setup();
		await ready(t);
		const before = t.stdout.text().length;
		t.stdin.type("\x1a");
		await vi.waitFor(() => expect(t.stopProcess).toHaveBeenCalledTimes(1));
		expect(t.stdout.text().slice(before)).toContain(leaveAlt);
		expect(t.stdin.rawModes.at(-1)).toBe(false);
		const resumedAt = t.stdout.text().length;
		t.signals.emit("SIGCONT");
		await vi.waitFor(() => {
			const after = t.stdout.text().slice(resumedAt);
			expect(after).toContain(enterAlt);
			expect(after).toContain("storefront");
		});
		await vi.waitFor(() => expect(t.stdin.rawModes.at(-1)).toBe(true));
		t.stdin.type("q");
		await expect(t.done).resolves.toEqual({ reason: "quit" });
		expectRestored(t);
	});

	it("SIGTSTP from outside suspends the same way", async () => {
		const t = setup();
		await ready(t);
		t.signals.emit("SIGTSTP");
		await vi.waitFor(() => expect(t.stopProcess).toHaveBeenCalledTimes(1));
		expect(t.stdin.rawModes.at(-1)).toBe(false);
		t.signals.emit("SIGCONT");
		await vi.waitFor(() => expect(t.stdin.rawModes.at(-1)).toBe(true));
	});

	it("stopTui ends it from outside", async () => {
		const t = setup();
		await ready(t);
		stopTui();
		await expect(t.done).resolves.toEqual({ reason: "quit" });
		expectRestored(t);
	});

	it("refuses a second TUI while one runs", async () => {
		const t = setup();
		await ready(t);
		await expect(runTui({ store: t.store })).rejects.toThrow("already running");
	});
});
