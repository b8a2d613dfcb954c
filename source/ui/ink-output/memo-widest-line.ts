/**
 * `widest-line` with a memory. Ink measures every text node of every frame with it (once to decide
 * whether to wrap, once in Yoga's measure), and it measures every character with string-width each
 * time: ~15% of a frame at 200x50, for texts that are, frame after frame, mostly the same lines. The
 * same function, with each line's width remembered in a bounded two-generation map: a pane body of 50
 * lines of which one is new measures one line. ink-imports.ts hands it to Ink in place of the package.
 */
import stringWidth from "string-width";
import { GenerationMap } from "./generation-map.js";
import { asciiPieces, notPlainSgr, printableAscii } from "./grapheme-edges.js";

const widths = new GenerationMap<string, number>(8192);
const sgrCode = /\u001B\[[\d;]*m/g;
const runWidths = new GenerationMap<string, number>(2048);

function runWidth(run: string): number {
	return runWidths.getOrSet(run, stringWidth);
}

/**
 * string-width of a line, the same number found with less work: SGR codes are dropped, printable
 * ASCII counts one column a character (what string-width gives it), and only the other runs are
 * measured (remembered: "日本", "🔥", "✖" recur), split where a grapheme boundary is certain. Anything
 * else (other escapes, a run that could join its neighbour) is string-width's.
 */
function measure(line: string): number {
	if (notPlainSgr.test(line)) return stringWidth(line);
	const visible = line.indexOf("\u001B") === -1 ? line : line.replace(sgrCode, "");
	if (printableAscii.test(visible)) return visible.length;
	const parts = asciiPieces(visible);
	if (parts === null) return stringWidth(line);
	let width = 0;
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i] as string;
		// split() with a capturing group puts the ASCII runs at odd indices.
		if (i % 2 === 1) width += part.length;
		else if (part !== "") width += runWidth(part);
	}
	return width;
}

function lineWidth(line: string): number {
	return widths.getOrSet(line, measure);
}

/** The widest line's columns, as `widest-line` computes it. */
export default function widestLine(text: string): number {
	if (!text.includes("\n")) return lineWidth(text);
	let width = 0;
	for (const line of text.split("\n")) width = Math.max(width, lineWidth(line));
	return width;
}
