/**
 * Ink's own `sanitize-ansi.js` with a memory. Ink sanitizes every text node's squashed text on every
 * frame (a tokenizer pass over each row); a row that did not change is the same string as last frame.
 * This is Ink's function (loaded from the Ink this process uses), remembered per string in a bounded
 * two-generation map: a pure function of its argument, so remembering it changes no output.
 * ink-imports.ts hands it to Ink's `squash-text-nodes.js` in place of the relative import.
 */
import { GenerationMap } from "./generation-map.js";

type Sanitize = (text: string) => string;

const ink = (await import(new URL("./sanitize-ansi.js", import.meta.resolve("ink")).href)) as {
	default: Sanitize;
};
const sanitized = new GenerationMap<string, string>(4096);

/** Ink's sanitizeAnsi, remembered. */
export default function sanitizeAnsi(text: string): string {
	// Short texts cost less to sanitize than to remember.
	if (text.length < 16) return ink.default(text);
	let result = sanitized.get(text);
	if (result === undefined) {
		result = ink.default(text);
		sanitized.set(text, result);
	}
	return result;
}
