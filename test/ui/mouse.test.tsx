/**
 * The mouse: SGR reports parsed (presses, releases, the wheel, modifiers; motion and sideways wheels
 * ignored), the pane and body row under a point from the layout arithmetic, and the app driven by
 * reports on stdin (ink-testing-library): the wheel focuses and scrolls the pane under the pointer,
 * or scrolls an overlay; a click focuses and selects the row; reports are turned on at mount and off
 * at unmount, and not at all without `mouse`.
 */
import { render } from "ink-testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTailStore } from "../../source/store/store.js";
import type { TailStore } from "../../source/store/types.js";
import { App } from "../../source/ui/app.js";
import { planLayout } from "../../source/ui/layout.js";
import { mouseOff, mouseOn, onlyMouse, parseMouse } from "../../source/ui/mouse-events.js";
import { tapMouse } from "../../source/ui/mouse-input.js";
import { paneAt } from "../../source/ui/mouse-target.js";
import { headerRows } from "../../source/ui/pane-view.js";
import { createMouseSource } from "../../source/ui/use-mouse.js";
import { makeEvent, numberedEvents, PROJECT_A, PROJECT_B } from "../store/events.js";
import { tick } from "./support/fixtures.js";

/** An SGR report at 0-based (x, y). */
const report = (code: number, x: number, y: number, release = false): string =>
	`\u001b[<${code};${x + 1};${y + 1}${release ? "m" : "M"}`;

describe("parseMouse", () => {
	it("reads presses, releases and wheel steps with 0-based coordinates", () => {
		expect(parseMouse(report(0, 9, 4))).toEqual([
			{ kind: "press", button: 0, x: 9, y: 4, shift: false, ctrl: false },
		]);
		expect(parseMouse(report(2, 0, 0, true))).toEqual([
			{ kind: "release", button: 2, x: 0, y: 0, shift: false, ctrl: false },
		]);
		expect(parseMouse(`${report(64, 3, 7)}${report(65, 3, 7)}`).map((e) => e.kind)).toEqual([
			"wheelUp",
			"wheelDown",
		]);
		expect(parseMouse(report(4 + 16, 1, 1))[0]).toMatchObject({ shift: true, ctrl: true, button: 0 });
	});

	it("ignores motion, sideways wheels, other text and truncated reports", () => {
		expect(parseMouse(report(32, 1, 1))).toEqual([]);
		expect(parseMouse(report(66, 1, 1))).toEqual([]);
		expect(parseMouse("q")).toEqual([]);
		expect(parseMouse("\u001b[<0;12")).toEqual([]);
		expect(parseMouse("\u001b[A")).toEqual([]);
	});

	it("tells a chunk of reports from one that holds keys", () => {
		expect(onlyMouse(`${report(64, 1, 1)}${report(64, 1, 1)}`)).toBe(true);
		expect(onlyMouse(`${report(64, 1, 1)}q`)).toBe(false);
		expect(onlyMouse("")).toBe(false);
	});
});

describe("tapMouse", () => {
	/** A readable whose `read` hands out `chunks` one by one, then null. */
	const readable = (chunks: string[]) => ({ read: (): string | null => chunks.shift() ?? null });
	const drain = (stream: { read(): string | Buffer | null }): string[] => {
		const out: string[] = [];
		for (let chunk = stream.read(); chunk !== null; chunk = stream.read()) out.push(String(chunk));
		return out;
	};

	it("cuts reports out of the input, keys around them passed on in order", () => {
		const stream = readable([`a${report(64, 1, 2)}b`, report(0, 3, 4) + report(0, 3, 4, true)]);
		const seen: string[] = [];
		tapMouse(stream, (reports) => seen.push(...reports.map((r) => `${r.kind}@${r.x},${r.y}`)));
		expect(drain(stream).join("")).toBe("ab");
		expect(seen).toEqual(["wheelUp@1,2", "press@3,4", "release@3,4"]);
	});

	it("holds a report cut by a chunk boundary until its end arrives", () => {
		const whole = report(65, 10, 20);
		const stream = readable([`x${whole.slice(0, 6)}`, `${whole.slice(6)}y`]);
		const seen: string[] = [];
		tapMouse(stream, (reports) => seen.push(...reports.map((r) => r.kind)));
		expect(drain(stream).join("")).toBe("xy");
		expect(seen).toEqual(["wheelDown"]);
	});

	it("holds a lone ESC until the next chunk says what it began, or gives it to Ink after a while", async () => {
		const chunks = ["j\u001b", "[<0;5;6M"];
		let readable = 0;
		const stream = {
			read: (): string | null => chunks.shift() ?? null,
			emit: (_event: "readable") => {
				readable++;
				return true;
			},
		};
		const seen: string[] = [];
		const untap = tapMouse(stream, (reports) => seen.push(...reports.map((r) => `${r.kind}@${r.x},${r.y}`)));
		// The ESC that began a report split after it: nothing of the report reaches Ink.
		expect(drain(stream).join("")).toBe("j");
		expect(seen).toEqual(["press@4,5"]);
		// A lone ESC (the Escape key) with nothing after it: held, then handed over on a 'readable'.
		chunks.push("k\u001b");
		expect(drain(stream).join("")).toBe("k");
		await vi.waitFor(() => expect(readable).toBe(1));
		expect(drain(stream).join("")).toBe("\u001b");
		untap();
	});

	it("gives a held start back when nothing completes it, and untaps", async () => {
		const chunks = ["k\u001b[<1"];
		const stream = { read: (): string | null => chunks.shift() ?? null, emit: () => true };
		const original = stream.read;
		const untap = tapMouse(stream, () => expect.fail("no report"));
		expect(drain(stream).join("")).toBe("k");
		await vi.waitFor(() => expect(drain(stream).join("")).toBe("\u001b[<1"));
		untap();
		expect(stream.read).toBe(original);
	});
});

describe("paneAt", () => {
	it("finds the pane and its body row in columns, and nothing over borders, headers or outside", () => {
		const plan = planLayout({ count: 3, focus: 0, width: 150, height: 40, mode: "columns", zoom: false });
		const body = 1 + headerRows(40);
		expect(paneAt(plan, 0, body)).toEqual({ index: 0, bodyRow: 0 });
		expect(paneAt(plan, 50, body + 5)).toEqual({ index: 1, bodyRow: 5 });
		expect(paneAt(plan, 149, body)).toEqual({ index: 2, bodyRow: 0 });
		expect(paneAt(plan, 60, 0)).toEqual({ index: 1, bodyRow: null });
		expect(paneAt(plan, 60, 1)).toEqual({ index: 1, bodyRow: null });
		expect(paneAt(plan, 60, 39)).toEqual({ index: 1, bodyRow: null });
		expect(paneAt(plan, 60, 40)).toBeNull();
		expect(paneAt(plan, 150, 3)).toBeNull();
	});

	it("stacks rows top to bottom", () => {
		const plan = planLayout({ count: 2, focus: 0, width: 100, height: 29, mode: "rows", zoom: false });
		const first = plan.lines[0]?.[0]?.height ?? 0;
		expect(paneAt(plan, 10, first + 1 + headerRows(first))).toEqual({ index: 1, bodyRow: 0 });
		expect(paneAt(plan, 10, first - 2)).toEqual({ index: 0, bodyRow: first - 3 - headerRows(first) });
	});
});

describe("the app and the mouse", () => {
	let cleanup: (() => void) | null = null;
	afterEach(() => {
		cleanup?.();
		cleanup = null;
	});

	/** Two stacked panes (100x30 is narrow: rows) of 40 one-row events each, following. */
	async function start(mouse: boolean) {
		const store: TailStore = createTailStore({ frameIntervalMs: 10 });
		for (const [project, name] of [
			[PROJECT_A, "front"],
			[PROJECT_B, "back"],
		] as const) {
			store.addProject(project, name);
			for (const event of numberedEvents(40, name, project)) store.event(project, event);
		}
		store.flush();
		const writes: string[] = [];
		const source = mouse ? createMouseSource() : undefined;
		const app = render(
			<App
				store={store}
				onQuit={() => {}}
				width={100}
				height={30}
				mouse={source}
				write={(t) => writes.push(t)}
			/>,
		);
		// As runTui does: the reports are cut from the input before Ink reads it.
		const untap = tapMouse(app.stdin, (reports) => source?.emit(reports));
		cleanup = () => {
			untap();
			app.unmount();
			store.dispose();
		};
		await tick();
		const plan = planLayout({ count: 2, focus: 0, width: 100, height: 29, mode: "rows", zoom: false });
		const bodyTop = (index: number): number => {
			let top = 0;
			for (const line of plan.lines.slice(0, index)) top += line[0]?.height ?? 0;
			const height = plan.lines[index]?.[0]?.height ?? 0;
			return top + 1 + headerRows(height);
		};
		const pane = (index: number) => {
			store.flush();
			const found = store.getSnapshot().panes[index];
			if (found === undefined) throw new Error(`no pane ${index}`);
			return found;
		};
		const cursorText = (index: number): string | undefined =>
			pane(index).rows.find((row) => row.cursor)?.entry.text;
		return { store, app, writes, bodyTop, pane, cursorText, type: (text: string) => app.stdin.write(text) };
	}

	it("turns reports on at mount and off at unmount", async () => {
		const ui = await start(true);
		expect(ui.writes).toEqual([mouseOn]);
		cleanup?.();
		cleanup = null;
		expect(ui.writes).toEqual([mouseOn, mouseOff]);
	});

	it("a click focuses the pane under it and selects the row clicked", async () => {
		const ui = await start(true);
		expect(ui.store.getSnapshot().focus).toBe(0);
		const y = ui.bodyTop(1) + 2;
		ui.type(report(0, 10, y) + report(0, 10, y, true));
		await vi.waitFor(() => expect(ui.store.getSnapshot().focus).toBe(1));
		const wanted = ui.pane(1).rows[2]?.entry.text;
		expect(wanted).toMatch(/^back \d+$/);
		await vi.waitFor(() => expect(ui.cursorText(1)).toBe(wanted));
		expect(ui.pane(1).follow).toBe(false);
		// A click on the header focuses without moving the cursor.
		const before = ui.cursorText(0);
		ui.type(report(0, 10, ui.bodyTop(0) - 1));
		await vi.waitFor(() => expect(ui.store.getSnapshot().focus).toBe(0));
		expect(ui.cursorText(0)).toBe(before);
	});

	it("the wheel focuses the pane under the pointer and moves three rows a step", async () => {
		const ui = await start(true);
		ui.type(report(0, 10, ui.bodyTop(0)));
		const y = ui.bodyTop(1) + 1;
		expect(ui.cursorText(1)).toBe("back 39");
		ui.type(report(64, 20, y));
		await vi.waitFor(() => expect(ui.cursorText(1)).toBe("back 36"));
		expect(ui.store.getSnapshot().focus).toBe(1);
		ui.type(report(64, 20, y) + report(64, 20, y));
		await vi.waitFor(() => expect(ui.cursorText(1)).toBe("back 30"));
		ui.type(report(65, 20, y));
		await vi.waitFor(() => expect(ui.cursorText(1)).toBe("back 33"));
	});

	it("over an overlay the wheel scrolls it and a click does nothing", async () => {
		const ui = await start(true);
		// An event long enough that its detail view scrolls, under the cursor.
		ui.store.event(
			PROJECT_A,
			makeEvent({ project: PROJECT_A, logs: Array.from({ length: 60 }, (_, i) => `long ${i}`) }),
		);
		ui.store.flush();
		await vi.waitFor(() => expect(ui.cursorText(0)).toMatch(/long 59/));
		ui.type("\r");
		await vi.waitFor(() => expect(ui.app.lastFrame()).toMatch(/long 0/));
		const first = ui.app.lastFrame();
		ui.type(report(65, 20, 10));
		await vi.waitFor(() => expect(ui.app.lastFrame()).not.toBe(first));
		ui.type(report(0, 20, ui.bodyTop(1) + 1));
		await tick();
		expect(ui.store.getSnapshot().focus).toBe(0);
	});

	it("without mouse nothing is turned on and reports do nothing", async () => {
		const ui = await start(false);
		ui.type(report(64, 20, ui.bodyTop(1) + 1));
		ui.type(report(0, 20, ui.bodyTop(1) + 1));
		await tick();
		expect(ui.writes).toEqual([]);
		expect(ui.store.getSnapshot().focus).toBe(0);
		expect(ui.cursorText(0)).toBe("front 39");
	});
});
