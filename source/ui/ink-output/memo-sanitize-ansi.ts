/**
 * Ink's own `sanitize-ansi.js` with a memory. Ink sanitizes every text node's squashed text on every
 * frame (a tokenizer pass over each row); a row that did not change is the same string as last frame.
 * This is Ink's function (loaded from the Ink this process uses), remembered per string in a bounded
 * two-generation map: a pure function of its argument, so remembering it changes no output.
 *
 * A text of many lines (a pane's body) is sanitized line by line when its only escape sequences are
 * whole SGR codes (which is what bctail's rows hold: their text from the stream is sanitized already):
 * then each line sanitizes alone as it does in the whole (a property test checks it against Ink's
 * function), and a frame sanitizes only the lines that are new. Anything else is taken whole.
 *
 * ink-imports.ts hands it to Ink's `squash-text-nodes.js` in place of the relative import.
 */
import { GenerationMap } from "./generation-map.js";

type Sanitize = (text: string) => string;

const ink = (await import(new URL("./sanitize-ansi.js", import.meta.resolve("ink")).href)) as {
	default: Sanitize;
};
const sanitized = new GenerationMap<string, string>(4096);
/** An escape that does not start a whole SGR code, or a C1 control: such a text is taken whole. */
const notPlainSgr = /\u001B(?!\[[\d;]*m)|[\u0080-\u009F]/;

function remembered(text: string): string {
	let result = sanitized.get(text);
	if (result === undefined) {
		result = ink.default(text);
		sanitized.set(text, result);
	}
	return result;
}

/** Ink's sanitizeAnsi, remembered. */
export default function sanitizeAnsi(text: string): string {
	// Short texts cost less to sanitize than to remember.
	if (text.length < 16) return ink.default(text);
	if (!text.includes("\n") || notPlainSgr.test(text)) return remembered(text);
	let result = sanitized.get(text);
	if (result === undefined) {
		result = text.split("\n").map(remembered).join("\n");
		sanitized.set(text, result);
	}
	return result;
}
