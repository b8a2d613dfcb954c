/**
 * The density commands on a real store and view model: `v`, `W`, ←/→ act on the focused pane, and
 * on a compact row `x`, `e`/`E`, `[`/`]` and Enter go by the row's event.
 */
import { describe, expect, it } from "vitest";
import { createTailStore } from "../../source/store/store.js";
import type { TailStore } from "../../source/store/types.js";
import { ViewModel } from "../../source/store/view-model.js";
import { type CommandContext, commands } from "../../source/ui/commands.js";
import { resolveCommand } from "../../source/ui/keymap.js";
import { ManualClock } from "../../source/util/clock.js";
import { makeEvent, PROJECT_A, PROJECT_B } from "../store/events.js";

function setup() {
	const log: TailStore = createTailStore({ clock: new ManualClock(), schedule: () => {} });
	const view = new ViewModel();
	const ctx: CommandContext = {
		log,
		view,
		geometry: { overlayRows: 10, overlayLineCount: () => 50 },
		app: {
			quit: () => {},
			suspend: () => {},
			listProjects: async () => [],
			openProjects: () => {},
			closePane: () => {},
			write: () => {},
		},
	};
	const run = (id: keyof typeof commands) => {
		commands[id](ctx, "", view.mode);
		log.flush();
	};
	log.addProject(PROJECT_A, "storefront");
	log.addProject(PROJECT_B, "checkout");
	log.setViewport(PROJECT_A, 10);
	log.setViewport(PROJECT_B, 10);
	return { log, view, run };
}

const paneOf = (log: TailStore, i: number) => log.getSnapshot().panes[i];
const overlayText = (view: ViewModel): string => {
	const overlay = view.getSnapshot().overlay;
	return overlay && overlay.kind !== "help" ? overlay.entry.text : "";
};

describe("density commands", () => {
	it("v, W and ←/→ change only the focused pane", () => {
		const t = setup();
		t.run("density.compact");
		t.run("scroll.right");
		t.run("scroll.right");
		t.run("scroll.left");
		expect(paneOf(t.log, 0)).toMatchObject({ compact: true, offset: 10, wrap: false });
		expect(paneOf(t.log, 1)).toMatchObject({ compact: false, offset: 0, wrap: false });
		t.run("density.wrap");
		expect(paneOf(t.log, 0)).toMatchObject({ wrap: true, offset: 0 });
		t.run("density.wrap");
		t.run("density.compact");
		expect(paneOf(t.log, 0)).toMatchObject({ compact: false, wrap: false, offset: 10 });
	});

	it("binds ←/→ to the rows in normal mode and to the text cursor in the search box", () => {
		const arrow = { leftArrow: true } as Parameters<typeof resolveCommand>[2];
		expect(resolveCommand("normal", "", arrow)?.id).toBe("scroll.left");
		expect(resolveCommand("search", "", arrow)?.id).toBe("edit.left");
		expect(resolveCommand("normal", "v", {} as Parameters<typeof resolveCommand>[2])?.id).toBe(
			"density.compact",
		);
		expect(resolveCommand("normal", "W", { shift: true } as Parameters<typeof resolveCommand>[2])?.id).toBe(
			"density.wrap",
		);
	});

	it("on a compact row, x opens that event's exception; e/E and [/] step by events", () => {
		const t = setup();
		for (const name of ["One", "Two", "Three"])
			t.log.ingest(
				makeEvent({
					project: PROJECT_A,
					logs: [`${name} a`, `${name} b`],
					exceptions: [{ name, message: "m" }],
				}),
			);
		t.log.ingest(makeEvent({ project: PROJECT_A, logs: ["quiet"] }));
		t.log.flush();
		t.run("density.compact");
		expect(paneOf(t.log, 0)?.rows.map((row) => row.entry.text)).toEqual([
			"One a",
			"Two a",
			"Three a",
			"quiet",
		]);
		t.run("top");
		t.run("exception.next");
		expect(t.log.selectedEntry()?.text).toBe("Two a");
		t.run("exception.open");
		expect(overlayText(t.view)).toBe("Two: m");
		t.run("overlay.next");
		expect(overlayText(t.view)).toBe("Three: m");
		t.run("overlay.close");
		t.run("exception.previous");
		expect(t.log.selectedEntry()?.text).toBe("One a");
		t.run("detail.open");
		expect(overlayText(t.view)).toBe("One a");
	});
});
