import { describe, expect, it } from "vitest";
import type { ProjectInfo } from "../../source/model/types.js";
import type { ProblemReport } from "../../source/store/problem-groups.js";
import {
	initialViewState,
	modeOf,
	recalledText,
	type ViewState,
	viewReducer,
} from "../../source/store/view-state.js";
import { entry, event, projectA } from "../ui/support/fixtures.js";

const e1 = entry("exception", event({ uuid: "u1", exceptions: [{ name: "TypeError", message: "x" }] }), {
	text: "TypeError: x",
});
const e2 = entry("exception", event({ uuid: "u2", exceptions: [{ name: "RangeError", message: "y" }] }), {
	text: "RangeError: y",
});
const projects: ProjectInfo[] = [
	{ uuid: "p1", name: "one", hostnames: [] },
	{ uuid: "p2", name: "two", hostnames: [] },
];

describe("viewReducer", () => {
	it("ranks modes: overlay over search over picker over normal", () => {
		let state: ViewState = initialViewState;
		expect(modeOf(state)).toBe("normal");
		state = viewReducer(state, { type: "picker-open", request: 1 });
		expect(modeOf(state)).toBe("picker");
		state = viewReducer(state, { type: "search-open", cursor: 0, previous: null });
		expect(modeOf(state)).toBe("search");
		state = viewReducer(state, { type: "overlay-open", overlay: { kind: "help", scroll: 0 } });
		expect(modeOf(state)).toBe("help");
		state = viewReducer(state, { type: "overlay-close" });
		state = viewReducer(state, {
			type: "overlay-open",
			overlay: { kind: "exception", paneId: projectA, entry: e1, ordinal: 0, scroll: 0 },
		});
		expect(modeOf(state)).toBe("overlay");
	});

	it("keeps only the search input's text cursor (the text is the search session's query)", () => {
		let state = viewReducer(initialViewState, { type: "search-open", cursor: 2, previous: null });
		expect(state.searchInput).toEqual({ cursor: 2, previous: null, recall: null, paneId: null });
		state = viewReducer(state, { type: "search-cursor", cursor: 5 });
		expect(state.searchInput?.cursor).toBe(5);
		expect(viewReducer(state, { type: "search-cursor", cursor: 5 })).toBe(state);
		expect(viewReducer(state, { type: "search-close" }).searchInput).toBeNull();
	});

	it("walks the recent searches with ↑ / ↓ and comes back to the draft, kept like a shell's", () => {
		const list = ["status:500", "path:/cart", "boom"];
		const recall = (state: ViewState, delta: 1 | -1, query: string) =>
			viewReducer(state, { type: "search-recall", delta, list, query });
		let state = viewReducer(initialViewState, { type: "search-open", cursor: 3, previous: null });
		state = recall(state, 1, "dra");
		expect(state.searchInput?.recall).toEqual({ index: 0, draft: "dra" });
		expect(state.searchInput?.cursor).toBe("status:500".length);
		state = recall(state, 1, "status:500");
		state = recall(state, 1, "path:/cart");
		expect(state.searchInput?.recall?.index).toBe(2);
		// The oldest is the end: ↑ again changes nothing.
		expect(recall(state, 1, "boom")).toBe(state);
		state = recall(recall(recall(state, -1, "boom"), -1, "path:/cart"), -1, "status:500");
		expect(state.searchInput?.recall).toEqual({ index: -1, draft: "dra" });
		expect(recalledText(state.searchInput?.recall ?? { index: 0, draft: "" }, list)).toBe("dra");
		expect(state.searchInput?.cursor).toBe(3);
		expect(recall(state, -1, "dra")).toBe(state);
		// Moving the text cursor keeps the walk; an edit ends it (the edited text is the next draft).
		state = recall(state, 1, "dra");
		state = viewReducer(state, { type: "search-cursor", cursor: 2 });
		expect(state.searchInput?.recall?.index).toBe(0);
		state = viewReducer(state, { type: "search-cursor", cursor: 3, edited: true });
		expect(state.searchInput?.recall).toBeNull();
		expect(recall(state, 1, "staus:500").searchInput?.recall).toEqual({ index: 0, draft: "staus:500" });
	});

	it("clamps overlay scrolling to the content and resets it for a new entry", () => {
		let state = viewReducer(initialViewState, {
			type: "overlay-open",
			overlay: { kind: "exception", paneId: projectA, entry: e1, ordinal: 0, scroll: 0 },
		});
		state = viewReducer(state, { type: "overlay-scroll", delta: 50, max: 12 });
		expect(state.overlay?.scroll).toBe(12);
		state = viewReducer(state, { type: "overlay-scroll", delta: -100, max: 12 });
		expect(state.overlay?.scroll).toBe(0);
		state = viewReducer(state, { type: "overlay-scroll-to", to: "bottom", max: 7 });
		expect(state.overlay?.scroll).toBe(7);
		state = viewReducer(state, { type: "overlay-entry", entry: e2, ordinal: 1 });
		expect(state.overlay).toMatchObject({ entry: e2, ordinal: 1, scroll: 0 });
	});

	it("ignores a project list that answers an older picker", () => {
		let state = viewReducer(initialViewState, { type: "picker-open", request: 2 });
		state = viewReducer(state, { type: "picker-loaded", request: 1, projects });
		expect(state.picker?.status).toBe("loading");
		state = viewReducer(state, { type: "picker-loaded", request: 2, projects });
		expect(state.picker).toMatchObject({ status: "ready", projects });
		const failed = viewReducer(viewReducer(initialViewState, { type: "picker-open", request: 3 }), {
			type: "picker-failed",
			request: 3,
			error: "403 Forbidden",
		});
		expect(failed.picker).toMatchObject({ status: "error", error: "403 Forbidden" });
	});

	it("moves the picker cursor within the list, marks and unmarks, and restarts on a new query", () => {
		let state = viewReducer(initialViewState, { type: "picker-open", request: 1 });
		state = viewReducer(state, { type: "picker-loaded", request: 1, projects });
		state = viewReducer(state, { type: "picker-move", delta: 5, count: 2 });
		expect(state.picker?.cursor).toBe(1);
		state = viewReducer(state, { type: "picker-mark", uuid: "p2" });
		state = viewReducer(state, { type: "picker-mark", uuid: "p1" });
		expect(state.picker?.marked).toEqual(["p2", "p1"]);
		state = viewReducer(state, { type: "picker-mark", uuid: "p2" });
		expect(state.picker?.marked).toEqual(["p1"]);
		state = viewReducer(state, { type: "picker-edit", edit: { type: "insert", text: "t" } });
		expect(state.picker?.cursor).toBe(0);
		expect(state.picker?.marked).toEqual(["p1"]);
	});
});

describe("problems view state", () => {
	const report = (groups: number) => ({
		groups: Array.from({ length: groups }, () => ({}) as ProblemReport["groups"][number]),
		routes: [],
		exceptions: groups,
		serverErrors: 0,
	});

	it("is a mode below the overlays; selection stays within the groups; a new report starts at the top", () => {
		let state = viewReducer(initialViewState, {
			type: "problems-open",
			problems: { paneId: projectA, scope: "pane", report: report(3), selected: 0 },
		});
		expect(modeOf(state)).toBe("problems");
		state = viewReducer(state, { type: "problems-select", delta: -1 });
		expect(state.problems?.selected).toBe(0);
		state = viewReducer(state, { type: "problems-select", delta: 5 });
		expect(state.problems?.selected).toBe(2);
		state = viewReducer(state, { type: "problems-report", scope: "all", report: report(1) });
		expect(state.problems).toMatchObject({ scope: "all", selected: 0 });
		// An exception opened from it is an overlay above it; closing that goes back to the view.
		const opened = viewReducer(state, {
			type: "overlay-open",
			overlay: {
				kind: "exception",
				paneId: projectA,
				entry: entry("exception", null),
				ordinal: -1,
				scroll: 0,
			},
		});
		expect(modeOf(opened)).toBe("overlay");
		expect(modeOf(viewReducer(opened, { type: "overlay-close" }))).toBe("problems");
		expect(modeOf(viewReducer(state, { type: "problems-close" }))).toBe("normal");
	});
});
