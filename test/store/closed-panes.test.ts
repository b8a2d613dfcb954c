import { describe, expect, it } from "vitest";
import { initialStatus } from "../../source/model/connection-status.js";
import { CLOSED_KEPT, ClosedPanes } from "../../source/store/closed-panes.js";
import { PaneState } from "../../source/store/pane-state.js";

const pane = (id: string): PaneState => new PaneState(id, undefined, 10, initialStatus("stopped"));

describe("ClosedPanes", () => {
	it("gives a kept pane back once, by its project", () => {
		const closed = new ClosedPanes();
		const a = pane("a");
		closed.keep(a, () => {});
		expect(closed.all).toEqual([a]);
		expect(closed.take("b")).toBeUndefined();
		expect(closed.take("a")).toBe(a);
		expect(closed.take("a")).toBeUndefined();
		expect(closed.all).toEqual([]);
	});

	it(`keeps the last ${CLOSED_KEPT} closed and forgets the one closed longest ago`, () => {
		const closed = new ClosedPanes();
		const forgotten: string[] = [];
		const panes = Array.from({ length: CLOSED_KEPT + 2 }, (_, i) => pane(`p${i}`));
		for (const p of panes) closed.keep(p, (old) => forgotten.push(old.id));
		expect(forgotten).toEqual(["p0", "p1"]);
		expect(closed.all.map((p) => p.id)).toEqual(panes.slice(2).map((p) => p.id));
	});

	it("counts a pane closed again as closed last", () => {
		const closed = new ClosedPanes();
		const forgotten: string[] = [];
		for (let i = 0; i < CLOSED_KEPT; i++) closed.keep(pane(`p${i}`), (old) => forgotten.push(old.id));
		const first = closed.take("p0") as PaneState;
		closed.keep(first, (old) => forgotten.push(old.id));
		closed.keep(pane("new"), (old) => forgotten.push(old.id));
		expect(forgotten).toEqual(["p1"]);
		expect(closed.all.at(-2)?.id).toBe("p0");
	});
});
