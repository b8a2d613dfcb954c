import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { helpLines } from "../../source/ui/help-overlay.js";
import { keyLabels, keymap } from "../../source/ui/keymap.js";
import { overlayGeometry } from "../../source/ui/overlay-frame.js";

describe("help overlay on small screens", () => {
	it("flows into columns that fit 80x24 without scrolling, every key listed", () => {
		const geometry = overlayGeometry(80, 24);
		const lines = helpLines(geometry.innerWidth, geometry.bodyRows).all();
		expect(lines.length).toBeLessThanOrEqual(geometry.bodyRows);
		for (const line of lines) expect(stringWidth(line.text)).toBeLessThanOrEqual(geometry.innerWidth);
		const screen = lines.map((line) => line.text).join("\n");
		for (const command of keymap) expect(screen).toContain(keyLabels(command));
		for (const heading of ["Panes", "Moving", "Search", "App"]) expect(screen).toContain(heading);
		// Three columns side by side: the first line holds a heading and two more columns.
		expect(lines[0]?.text.startsWith("Panes")).toBe(true);
		expect(lines[0]?.spans?.length).toBeGreaterThan(3);
	});

	it("keeps the one-column help with full descriptions where it fits, and scrolls it where nothing fits", () => {
		const tall = helpLines(100, 200).all();
		expect(tall.some((line) => line.text.includes("pause / resume all panes"))).toBe(true);
		// 30 columns cannot hold two columns: the one-column help, longer than the screen, scrolls.
		const narrow = helpLines(30, 10).all();
		expect(narrow.length).toBeGreaterThan(10);
		expect(narrow[0]?.spans).toBeUndefined();
	});
});
