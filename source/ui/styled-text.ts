/**
 * The escape codes Ink's `<Text>` puts around its text, applied by hand: the same chalk calls in the
 * same order (dim, colour, background, bold, inverse; named colours, `#hex`, `ansi256(n)`, `rgb(r,g,b)`
 * as Ink's colorize reads them). A row drawn as one pre-styled string is byte for byte the row Ink
 * draws from a nested `<Text>` per span, without a nested node per span to lay out, squash and
 * transform on every frame (test/ui/span-line.test.tsx compares both).
 */
import chalk, { type ChalkInstance, foregroundColorNames } from "chalk";
import type { Span } from "./truncate-to-width.js";

const named = new Set<string>(foregroundColorNames);
const rgb = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/;
const ansi256 = /^ansi256\(\s?(\d+)\s?\)$/;

/** Ink's colorize: the text in a colour, or unchanged when the colour is unset or not understood. */
export function colorize(
	text: string,
	color: string | undefined,
	layer: "foreground" | "background",
): string {
	if (!color) return text;
	const fg = layer === "foreground";
	if (named.has(color)) {
		const name = fg ? color : `bg${color[0]?.toUpperCase()}${color.slice(1)}`;
		return (chalk[name as keyof ChalkInstance] as ChalkInstance)(text);
	}
	if (color.startsWith("#")) return fg ? chalk.hex(color)(text) : chalk.bgHex(color)(text);
	const indexed = ansi256.exec(color);
	if (indexed !== null) {
		const value = Number(indexed[1]);
		return fg ? chalk.ansi256(value)(text) : chalk.bgAnsi256(value)(text);
	}
	const channels = rgb.exec(color);
	if (channels !== null) {
		const [r, g, b] = [Number(channels[1]), Number(channels[2]), Number(channels[3])];
		return fg ? chalk.rgb(r, g, b)(text) : chalk.bgRgb(r, g, b)(text);
	}
	return text;
}

/** Whether a span draws as bare text (Ink: a string child, no `<Text>` of its own). */
export function isPlain(span: Span): boolean {
	return !span.color && !span.backgroundColor && !span.bold && !span.dim && !span.inverse;
}

/**
 * A span as a nested `<Text>` would draw it; `background` is the one it inherits from an enclosing
 * `<Box backgroundColor>` (Ink's BackgroundContext), which a styled span repeats and a plain one does not.
 */
export function styleSpan(span: Span, background?: string): string {
	if (isPlain(span)) return span.text;
	let text = span.text;
	if (span.dim) text = chalk.dim(text);
	text = colorize(text, span.color, "foreground");
	text = colorize(text, span.backgroundColor ?? background, "background");
	if (span.bold) text = chalk.bold(text);
	if (span.inverse) text = chalk.inverse(text);
	return text;
}

/** A line of spans as one string of text and escape codes. */
export function styleSpans(spans: readonly Span[], background?: string): string {
	let line = "";
	for (const span of spans) line += styleSpan(span, background);
	return line;
}
