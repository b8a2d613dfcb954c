import { EventEmitter } from "node:events";
import { expect, it } from "vitest";
import { createTerminalGuard, restoreSequence } from "../../source/ui/terminal-guard.js";

function setup(teardown: () => void) {
	const events = new EventEmitter();
	const written: string[] = [];
	const cooked: boolean[] = [];
	const guard = createTerminalGuard({
		events,
		teardown,
		writeSync: (text) => written.push(text),
		cookInput: () => cooked.push(true),
	});
	return { events, written, cooked, guard };
}

it("on exit, runs the app's teardown first, ahead of listeners registered before it, and only once", () => {
	const order: string[] = [];
	const events = new EventEmitter();
	events.on("exit", () => order.push("ink"));
	const guard = createTerminalGuard({
		events,
		teardown: () => order.push("teardown"),
		writeSync: () => order.push("write"),
		cookInput: () => order.push("cook"),
	});
	events.emit("exit", 0);
	events.emit("exit", 0);
	expect(order).toEqual(["teardown", "ink", "ink"]);
	guard.dispose();
	expect(events.listenerCount("exit")).toBe(1);
});

it("when the teardown throws, turns raw mode off and writes the restoring sequence, once", () => {
	const t = setup(() => {
		throw new Error("render broke");
	});
	t.events.emit("exit", 1);
	t.events.emit("exit", 1);
	expect(t.cooked).toEqual([true]);
	expect(t.written).toEqual([restoreSequence]);
	expect(restoreSequence).toContain("\x1b[?1049l");
	expect(restoreSequence).toContain("\x1b[?25h");
});

it("does nothing while disarmed (suspended, or torn down already), and a failing write does not throw", () => {
	const t = setup(() => {
		throw new Error("no");
	});
	t.guard.disarm();
	t.events.emit("exit", 0);
	expect(t.written).toEqual([]);
	t.guard.arm();
	const events = new EventEmitter();
	const guard = createTerminalGuard({
		events,
		teardown: () => {},
		writeSync: () => {
			throw new Error("EIO");
		},
		cookInput: () => {
			throw new Error("not a tty");
		},
	});
	expect(() => guard.restore()).not.toThrow();
	t.guard.restore();
	expect(t.written).toEqual([restoreSequence]);
});
