/**
 * `widest-line` with a memory. Ink measures every text node of every frame with it (once to decide
 * whether to wrap, once in Yoga's measure), and it measures every character with string-width each
 * time: ~15% of a frame at 200x50, for rows that are, frame after frame, the same strings. The same
 * function, remembered per string in a bounded two-generation map. ink-imports.ts hands it to Ink in
 * place of the package.
 */
import stringWidth from "string-width";
import { GenerationMap } from "./generation-map.js";

const widths = new GenerationMap<string, number>(4096);

/** The widest line's columns, as `widest-line` computes it. */
export default function widestLine(text: string): number {
	let width = widths.get(text);
	if (width === undefined) {
		width = 0;
		let from = 0;
		for (;;) {
			const end = text.indexOf("\n", from);
			width = Math.max(width, stringWidth(end === -1 ? text.slice(from) : text.slice(from, end)));
			if (end === -1) break;
			from = end + 1;
		}
		widths.set(text, width);
	}
	return width;
}
