import { describe, expect, it } from "vitest";
import { ScreenState } from "../../source/store/screen-state.js";
import { ManualClock } from "../../source/util/clock.js";

function setup() {
	const clock = new ManualClock();
	const calls: string[] = [];
	const screen = new ScreenState(
		clock,
		() => calls.push("changed"),
		() => calls.push("dirty"),
	);
	return { clock, calls, screen };
}

describe("ScreenState", () => {
	it("focuses within the panes there are, and keeps the focus on one when panes go", () => {
		const { screen, calls } = setup();
		expect(screen.focusPane(5, 3)).toBe(true);
		expect(screen.focus).toBe(2);
		expect(screen.focusPane(2, 3)).toBe(false);
		expect(calls).toEqual(["changed"]);
		screen.clampFocus(1);
		expect(screen.focus).toBe(0);
	});

	it("cycles layout and time format and toggles zoom", () => {
		const { screen } = setup();
		// auto (by width) first, then columns, rows and grid, and back to auto.
		expect(screen.layout).toBe("auto");
		screen.cycleLayout();
		screen.cycleLayout();
		screen.cycleLayout();
		expect(screen.layout).toBe("grid");
		screen.cycleLayout();
		expect(screen.layout).toBe("auto");
		screen.cycleTimeFormat();
		expect(screen.timeFormat).toBe("utc");
		screen.toggleZoom();
		expect(screen.zoom).toBe(true);
	});

	it("shows a notice (sanitized) until it runs out on the clock, a newer one replacing it", () => {
		const { screen, clock, calls } = setup();
		screen.setNotice("first\x1b[31m", 1000);
		expect(screen.notice).toBe("first");
		clock.advance(500);
		screen.setNotice("second", 1000);
		clock.advance(600);
		expect(screen.notice).toBe("second");
		clock.advance(400);
		expect(screen.notice).toBeNull();
		expect(calls.at(-1)).toBe("dirty");
		screen.setNotice("last");
		screen.dispose();
		expect(clock.pending).toBe(0);
	});
});
