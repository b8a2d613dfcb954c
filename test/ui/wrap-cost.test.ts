/**
 * Wrapping cost follows the text, not its square (issue 13, item 7): counted as characters examined
 * (through the scan probe), never timed. Before the fix `wrapToWidth` measured the whole remaining
 * string for every row it cut, so doubling the text quadrupled the work.
 */
import { describe, expect, it } from "vitest";
import { wrapToWidth } from "../../source/ui/truncate-to-width.js";
import { WrappedLines } from "../../source/ui/wrapped-lines.js";

/** Characters examined while wrapping `text` at `width`. */
function scanned(text: string, width: number): number {
	let total = 0;
	wrapToWidth(text, width, (from, to) => {
		total += to - from;
	});
	return total;
}

const words = (n: number): string => "word café 抹茶 ☕ ".repeat(n);

describe("wrapping cost", () => {
	it("is linear: twice the text, about twice the work", () => {
		const one = scanned(words(20_000), 120);
		const two = scanned(words(40_000), 120);
		expect(one).toBeGreaterThan(0);
		expect(two / one).toBeGreaterThan(1.8);
		expect(two / one).toBeLessThan(2.2);
		// And a small constant times the text: each character is looked at a few times at most.
		expect(two).toBeLessThan(words(40_000).length * 4);
	});

	it("lazily: the first screen of a 7 MB line touches only its start", () => {
		const text = words(400_000);
		expect(text.length).toBeGreaterThanOrEqual(6_000_000);
		let furthest = 0;
		let total = 0;
		const wrapped = new WrappedLines([{ text }], 156, (from, to) => {
			furthest = Math.max(furthest, to);
			total += to - from;
		});
		const screen = wrapped.rows(0, 50);
		expect(screen).toHaveLength(50);
		expect(wrapped.complete).toBe(false);
		// 50 rows of at most 156 columns: a few screens' worth of characters, not megabytes.
		expect(furthest).toBeLessThan(50 * 156 * 3);
		expect(total).toBeLessThan(50 * 156 * 8);
		// The rows are the same as wrapping the whole text would give.
		expect(screen.map((row) => row.text)).toEqual(
			wrapToWidth(text.slice(0, furthest + 1000), 156).slice(0, 50),
		);
	});
});
