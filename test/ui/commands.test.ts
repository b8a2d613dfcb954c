import { describe, expect, it, onTestFinished, vi } from "vitest";
import type { ProjectInfo } from "../../source/model/types.js";
import { createTailStore } from "../../source/store/store.js";
import type { TailStore } from "../../source/store/types.js";
import { ViewModel } from "../../source/store/view-model.js";
import { type CommandContext, commands, editField } from "../../source/ui/commands.js";
import { keymap } from "../../source/ui/keymap.js";
import { ManualClock } from "../../source/util/clock.js";
import { makeEvent, PROJECT_A, PROJECT_B } from "../store/events.js";

/** The command table on a real store and view model, with the app's effects recorded. */
function setup(projects: ProjectInfo[] = []) {
	const clock = new ManualClock();
	const log: TailStore = createTailStore({ clock, schedule: () => {} });
	const view = new ViewModel();
	const effects: string[] = [];
	const ctx: CommandContext = {
		log,
		view,
		geometry: { overlayRows: 10, overlayLineCount: () => 50 },
		app: {
			quit: () => effects.push("quit"),
			suspend: () => effects.push("suspend"),
			listProjects: async () => projects,
			openProjects: (chosen) => effects.push(`open ${chosen.map((p) => p.name).join(",")}`),
			closePane: (uuid) => effects.push(`close ${uuid}`),
			write: (text) => effects.push(`write ${text.slice(0, 7)}`),
		},
	};
	const run = (id: keyof typeof commands, input = "") => {
		commands[id](ctx, input, view.mode);
		log.flush();
	};
	return { clock, log, view, effects, run, ctx };
}

describe("command table", () => {
	it("has a handler for every command of the keymap", () => {
		for (const command of keymap) expect(typeof commands[command.id], command.id).toBe("function");
		expect(Object.keys(commands).sort()).toEqual(keymap.map((command) => command.id).sort());
	});

	it("focuses, lays out and closes panes through the log and the app", () => {
		const t = setup();
		t.log.addProject(PROJECT_A, "storefront");
		t.log.addProject(PROJECT_B, "checkout");
		t.run("focus.number", "2");
		expect(t.log.getSnapshot().focus).toBe(1);
		t.run("layout");
		expect(t.log.getSnapshot().layout).toBe("columns");
		t.run("pane.close");
		t.run("quit");
		expect(t.effects).toEqual([`close ${PROJECT_B}`, "quit"]);
	});

	it("opens the newest exception with its position, and steps through the others", () => {
		const t = setup();
		t.log.addProject(PROJECT_A, "storefront");
		for (const message of ["one", "two", "three"]) {
			t.log.ingest(makeEvent({ project: PROJECT_A, exceptions: [{ name: "E", message }] }));
		}
		t.log.flush();
		t.run("exception.open");
		expect(t.view.getSnapshot().overlay).toMatchObject({ kind: "exception", ordinal: 2 });
		t.run("overlay.previous");
		t.run("overlay.previous");
		expect(t.view.getSnapshot().overlay).toMatchObject({ ordinal: 0 });
		const overlay = t.view.getSnapshot().overlay;
		expect(overlay && overlay.kind !== "help" ? overlay.entry.text : "").toBe("E: one");
		t.run("overlay.previous");
		expect(t.log.getSnapshot().notice).toBe("no older exception");
		// Movement keys scroll the overlay, within its lines.
		t.run("bottom");
		expect(t.view.getSnapshot().overlay?.scroll).toBe(40);
		t.run("overlay.close");
		expect(t.view.mode).toBe("normal");
	});

	it("searches as the input is edited, and Esc restores the search before it", () => {
		const t = setup();
		t.log.addProject(PROJECT_A);
		t.log.setSearch("cart", { mode: "filter" });
		t.log.flush();
		t.run("search.open");
		expect(t.view.getSnapshot().searchInput?.cursor).toBe(4);
		t.run("edit.deleteBack");
		expect(t.log.getSnapshot().search).toMatchObject({ query: "car", mode: "filter" });
		t.run("edit.clear");
		expect(t.log.getSnapshot().search).toBeNull();
		t.run("search.cancel");
		expect(t.view.mode).toBe("normal");
		expect(t.log.getSnapshot().search).toMatchObject({ query: "cart", mode: "filter" });
	});

	it("edits the search session's query itself: the search text has one owner", () => {
		const t = setup();
		t.log.addProject(PROJECT_A);
		t.run("search.open");
		editField(t.ctx, "search", { type: "insert", text: "ab" });
		expect(t.log.getSnapshot().search?.query).toBe("ab");
		// The query changes elsewhere (a restored search): the input edits that, not a copy of its own.
		t.log.setSearch("xyz");
		editField(t.ctx, "search", { type: "insert", text: "!" });
		expect(t.log.getSnapshot().search?.query).toBe("xy!z");
		t.run("search.submit");
		expect(t.view.mode).toBe("normal");
		expect(t.log.getSnapshot().search?.query).toBe("xy!z");
	});

	it("opens the marked projects from the picker", async () => {
		const projects = [
			{ uuid: PROJECT_A, name: "storefront", hostnames: [] },
			{ uuid: PROJECT_B, name: "checkout", hostnames: [] },
		];
		const t = setup(projects);
		t.run("pane.add");
		await expect.poll(() => t.view.getSnapshot().picker?.status).toBe("ready");
		t.run("picker.down");
		t.run("picker.mark");
		t.run("picker.open");
		expect(t.effects).toEqual(["open checkout"]);
		expect(t.view.mode).toBe("normal");
	});

	it("copies the event under the cursor, or says there is none", async () => {
		// A remote session outside tmux: OSC 52 whatever this machine has (clipboard.test.ts: the others).
		vi.stubEnv("SSH_TTY", "/dev/pts/9");
		vi.stubEnv("TMUX", "");
		onTestFinished(() => {
			vi.unstubAllEnvs();
		});
		const t = setup();
		t.run("copy");
		expect(t.log.getSnapshot().notice).toBe("nothing to copy: no event here");
		t.log.ingest(makeEvent({ project: PROJECT_A, logs: ["hello"] }));
		t.run("copy");
		expect(t.effects).toEqual(["write \x1b]52;c;"]);
		await expect
			.poll(() => t.log.getSnapshot().notice)
			.toMatch(/^copied event .*\(OSC 52: your terminal must allow it\)$/);
	});
});

describe("go to a time (T)", () => {
	it("opens the input, edits it, and Enter hands the parsed time to the app's history", () => {
		const t = setup();
		t.log.addProject(PROJECT_A, "storefront");
		const asked: [string, number, boolean][] = [];
		const ctx: CommandContext = {
			...t.ctx,
			app: { ...t.ctx.app, history: { goToTime: (uuid, ms, seconds) => asked.push([uuid, ms, seconds]) } },
		};
		const run = (id: keyof typeof commands) => {
			commands[id](ctx, "", t.view.mode);
			t.log.flush();
		};
		run("time.open");
		expect(t.view.mode).toBe("time");
		editField(ctx, t.view.mode, { type: "insert", text: "-2hx" });
		run("edit.deleteBack");
		expect(t.view.getSnapshot().timeInput?.value).toBe("-2h");
		run("search.submit");
		expect(t.view.mode).toBe("normal");
		expect(asked).toEqual([[PROJECT_A, t.clock.now() - 2 * 3_600_000, false]]);
		// The search was not touched by typing a time.
		expect(t.log.getSnapshot().search).toBeNull();
	});

	it("says why a bad entry is not a time and keeps the input open; Esc leaves it", () => {
		const t = setup();
		t.log.addProject(PROJECT_A, "storefront");
		t.run("time.open");
		editField(t.ctx, t.view.mode, { type: "insert", text: "-9d" });
		t.run("search.submit");
		expect(t.log.getSnapshot().notice).toBe("history keeps only the last 7 days");
		expect(t.view.mode).toBe("time");
		t.run("search.cancel");
		expect(t.view.mode).toBe("normal");
	});

	it("without the app's history, moves within what the pane holds", () => {
		const t = setup();
		t.log.addProject(PROJECT_A, "storefront");
		const now = t.clock.now();
		for (let i = 10; i >= 1; i--)
			t.log.ingest(makeEvent({ logs: [`m${i}`], time: new Date(now - i * 60_000).toISOString() }));
		t.log.setViewport(PROJECT_A, 4);
		t.run("time.open");
		editField(t.ctx, t.view.mode, { type: "insert", text: "-5m" });
		t.run("search.submit");
		expect(t.log.selectedEntry()?.text).toBe("m5");
		expect(t.log.getSnapshot().panes[0]?.at).toMatchObject({ ms: now - 5 * 60_000 });
	});

	it("with no pane, says there is none to go in", () => {
		const t = setup();
		t.run("time.open");
		expect(t.view.mode).toBe("normal");
		expect(t.log.getSnapshot().notice).toBe("no pane to go to a time in");
	});
});

describe("problems view commands", () => {
	/** Two panes: storefront with 3 TypeErrors on /cart and a RangeError, checkout with 2 TypeErrors. */
	function withProblems() {
		const t = setup();
		t.log.addProject(PROJECT_A, "storefront");
		t.log.addProject(PROJECT_B, "checkout");
		const fail = (project: string, n: number, name = "TypeError") =>
			t.log.ingest(
				makeEvent({
					project,
					status: 500,
					url: "/cart",
					time: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
					exceptions: [{ name, message: `cart ${n} broke`, stack: `${name}: x\n    at Cart (w.js:1:${n})` }],
				}),
			);
		for (const n of [1, 3, 5]) fail(PROJECT_A, n);
		fail(PROJECT_A, 6, "RangeError");
		for (const n of [2, 4]) fail(PROJECT_B, n);
		t.log.focusPane(0);
		t.log.flush();
		return t;
	}
	const overlayText = (t: ReturnType<typeof setup>) => {
		const overlay = t.view.getSnapshot().overlay;
		return overlay && overlay.kind !== "help"
			? `${overlay.paneId === PROJECT_A ? "A" : "B"} ${overlay.entry.text}`
			: "";
	};

	it("P opens the focused pane's groups, ↑/↓ select, Tab takes every pane, P closes", () => {
		const t = withProblems();
		t.run("problems.open");
		expect(t.view.mode).toBe("problems");
		const problems = () => t.view.getSnapshot().problems;
		expect(problems()?.report.groups.map((g) => [g.name, g.count])).toEqual([
			["TypeError", 3],
			["RangeError", 1],
		]);
		t.run("problems.down");
		t.run("problems.down");
		expect(problems()?.selected).toBe(1);
		t.run("problems.up");
		expect(problems()?.selected).toBe(0);
		t.run("problems.scope");
		expect(problems()).toMatchObject({ scope: "all", selected: 0 });
		expect(problems()?.report.groups[0]?.count).toBe(5);
		t.run("problems.open");
		expect(t.view.mode).toBe("normal");
	});

	it("Enter opens the group's newest exception; [ and ] stay inside the group, across panes; Esc goes back", () => {
		const t = withProblems();
		t.run("problems.open");
		t.run("problems.scope");
		t.run("problems.show");
		expect(t.view.mode).toBe("overlay");
		expect(overlayText(t)).toBe("A TypeError: cart 5 broke");
		expect(t.view.getSnapshot().overlay).toMatchObject({ shown: { position: 5, count: 5 } });
		const seen = [overlayText(t)];
		for (let i = 0; i < 4; i++) {
			t.run("overlay.previous");
			seen.push(overlayText(t));
		}
		// Oldest to newest by time, alternating panes; the RangeError of storefront is never reached.
		expect(seen.reverse()).toEqual([
			"A TypeError: cart 1 broke",
			"B TypeError: cart 2 broke",
			"A TypeError: cart 3 broke",
			"B TypeError: cart 4 broke",
			"A TypeError: cart 5 broke",
		]);
		expect(t.view.getSnapshot().overlay).toMatchObject({ shown: { position: 1, count: 5 } });
		t.run("overlay.previous");
		expect(t.log.getSnapshot().notice).toBe("no older exception in the group");
		t.run("overlay.next");
		expect(overlayText(t)).toBe("B TypeError: cart 2 broke");
		t.run("overlay.close");
		expect(t.view.mode).toBe("problems");
		t.run("problems.close");
		expect(t.view.mode).toBe("normal");
	});

	it("says so when there is nothing to open", () => {
		const t = setup();
		t.run("problems.open");
		expect(t.log.getSnapshot().notice).toBe("no pane to show the problems of");
		t.log.addProject(PROJECT_A, "storefront");
		t.log.flush();
		t.run("problems.open");
		t.run("problems.show");
		expect(t.view.mode).toBe("problems");
		expect(t.log.getSnapshot().notice).toBe("no exceptions in the buffers");
	});
});
