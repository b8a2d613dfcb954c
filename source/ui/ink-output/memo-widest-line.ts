/**
 * `widest-line` with a memory. Ink measures every text node of every frame with it (once to decide
 * whether to wrap, once in Yoga's measure), and it measures every character with string-width each
 * time: ~15% of a frame at 200x50, for texts that are, frame after frame, mostly the same lines. The
 * same function, with each line's width remembered in a bounded two-generation map: a pane body of 50
 * lines of which one is new measures one line. ink-imports.ts hands it to Ink in place of the package.
 */
import stringWidth from "string-width";
import { GenerationMap } from "./generation-map.js";

const widths = new GenerationMap<string, number>(8192);
const sgrCode = /\u001B\[[\d;]*m/g;
const printableAscii = /^[\u0020-\u007E]*$/;

/**
 * string-width of a line; for a line whose escapes are SGR codes around printable ASCII (most rows),
 * the count of its visible characters, which is what string-width finds for it without segmenting.
 */
function measure(line: string): number {
	if (line.indexOf("\u001B") === -1) return printableAscii.test(line) ? line.length : stringWidth(line);
	const visible = line.replace(sgrCode, "");
	return printableAscii.test(visible) ? visible.length : stringWidth(line);
}

function lineWidth(line: string): number {
	let width = widths.get(line);
	if (width === undefined) {
		width = measure(line);
		widths.set(line, width);
	}
	return width;
}

/** The widest line's columns, as `widest-line` computes it. */
export default function widestLine(text: string): number {
	if (!text.includes("\n")) return lineWidth(text);
	let width = 0;
	for (const line of text.split("\n")) width = Math.max(width, lineWidth(line));
	return width;
}
