import { describe, expect, it } from "vitest";
import { createTailStore } from "../../source/store/store.js";
import type { PaneSnapshot, TailStore } from "../../source/store/types.js";
import { ViewModel } from "../../source/store/view-model.js";
import { type AppEffects, type CommandContext, commands, editField } from "../../source/ui/commands.js";
import { ManualClock } from "../../source/util/clock.js";
import { makeEvent, PROJECT_A, PROJECT_B } from "../store/events.js";

/** The app's effects, none of which these commands use (but `o`'s history, given where needed). */
const noEffects: AppEffects = { quit() {}, suspend() {}, openProjects() {}, closePane() {}, write() {} };

function contextOf(log: TailStore, view: ViewModel, app: AppEffects): CommandContext {
	return { log, view, app, geometry: { overlayRows: 10, overlayLineCount: () => 50 } };
}

/** The command table on a real store (its search slices drained by hand) with two panes. */
function setup() {
	const clock = new ManualClock();
	const queue: (() => void)[] = [];
	const log: TailStore = createTailStore({ clock, schedule: (callback) => queue.push(callback) });
	const view = new ViewModel();
	const searched: string[] = [];
	const history = { goToTime: () => {}, searchOlder: (uuid: string) => searched.push(uuid) };
	const ctx = contextOf(log, view, { ...noEffects, history });
	for (const [project, name] of [
		[PROJECT_A, "production"],
		[PROJECT_B, "preview"],
	] as const) {
		log.addProject(project, name);
		log.setViewport(project, 20);
		for (const url of ["/checkout", "/cart", "/checkout"]) {
			log.ingest(
				makeEvent({
					project,
					url,
					logs: [`GET ${url}`],
					exceptions: url === "/cart" ? [{ name: "TypeError", message: "cart broke" }] : [],
				}),
			);
		}
	}
	const drain = (): void => {
		for (let guard = 0; queue.length > 0 && guard < 100_000; guard++) queue.shift()?.();
		log.flush();
	};
	const run = (id: keyof typeof commands): void => {
		commands[id](ctx, "", view.mode);
		drain();
	};
	const type = (text: string): void => {
		editField(ctx, view.mode, { type: "insert", text });
		drain();
	};
	/** F, the query, Enter. */
	const filterPane = (query: string): void => {
		run("paneFilter.open");
		type(query);
		run("search.submit");
	};
	drain();
	return { log, view, ctx, run, type, filterPane, drain, searched };
}

function pane(log: TailStore, id: string): PaneSnapshot {
	const found = log.getSnapshot().panes.find((p) => p.id === id);
	if (found === undefined) throw new Error(`no pane ${id}`);
	return found;
}

const texts = (p: PaneSnapshot): string[] => p.rows.map((row) => row.entry.text);

describe("F: a filter for the focused pane only", () => {
	it("opens the box on the focused pane, filters it as you type, Enter keeps it, the global search untouched", () => {
		const t = setup();
		t.run("focus.next");
		t.run("focus.previous");
		t.run("paneFilter.open");
		expect(t.view.mode).toBe("search");
		expect(t.view.getSnapshot().searchInput?.paneId).toBe(PROJECT_A);
		t.type("path:/checkout");
		expect(texts(pane(t.log, PROJECT_A))).toEqual(["GET /checkout", "GET /checkout"]);
		expect(pane(t.log, PROJECT_B).rows).toHaveLength(4);
		t.run("search.submit");
		expect(t.view.mode).toBe("normal");
		expect(pane(t.log, PROJECT_A).filter?.query).toBe("path:/checkout");
		expect(t.log.getSnapshot().search).toBeNull();
		// x: the pane shows no exception (the /cart one is hidden).
		t.run("exception.open");
		expect(t.view.getSnapshot().overlay).toBeNull();
		// Esc outside the box clears the global search only.
		t.run("search.clear");
		expect(pane(t.log, PROJECT_A).filter?.query).toBe("path:/checkout");
	});

	it("Esc in the box drops only the draft; F, an emptied box and Enter clear the filter", () => {
		const t = setup();
		t.filterPane("path:/checkout");
		t.run("paneFilter.open");
		// The box opens on the filter as it is, to edit.
		expect(t.view.getSnapshot().searchInput?.cursor).toBe("path:/checkout".length);
		t.type(" TypeError");
		expect(pane(t.log, PROJECT_A).rows).toHaveLength(0);
		t.run("search.cancel");
		expect(pane(t.log, PROJECT_A).filter?.query).toBe("path:/checkout");
		expect(pane(t.log, PROJECT_A).rows).toHaveLength(2);
		t.run("paneFilter.open");
		t.run("edit.clear");
		t.run("search.submit");
		expect(pane(t.log, PROJECT_A).filter).toBeNull();
		expect(pane(t.log, PROJECT_A).rows).toHaveLength(4);
	});

	it("/ after F types the global search, which applies within the pane filter", () => {
		const t = setup();
		t.filterPane("path:/cart");
		t.run("search.open");
		expect(t.view.getSnapshot().searchInput?.paneId).toBeNull();
		t.type("TypeError");
		t.run("search.submit");
		t.run("filter.toggle");
		expect(texts(pane(t.log, PROJECT_A))).toEqual(["TypeError: cart broke"]);
		expect(texts(pane(t.log, PROJECT_B))).toEqual(["TypeError: cart broke"]);
		t.run("exception.open");
		expect(t.view.getSnapshot().overlay).toMatchObject({
			kind: "exception",
			shown: { position: 1, count: 1 },
		});
	});

	it("o searches older history in a pane that only has its own filter", () => {
		const t = setup();
		t.run("filter.older");
		expect(t.log.getSnapshot().notice).toMatch(/o searches older history in filter mode/);
		t.filterPane("path:/checkout");
		t.run("filter.older");
		expect(t.searched).toEqual([PROJECT_A]);
	});

	it("says so when there is no pane to filter", () => {
		const log = createTailStore({ clock: new ManualClock(), schedule: () => {} });
		const view = new ViewModel();
		const ctx = contextOf(log, view, noEffects);
		commands["paneFilter.open"](ctx, "", view.mode);
		log.flush();
		expect(view.mode).toBe("normal");
		expect(log.getSnapshot().notice).toBe("no pane to filter");
	});
});
