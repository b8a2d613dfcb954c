/**
 * What makes two exceptions "the same problem" in the problems view: the exception's name, its message
 * with the parts that differ between occurrences masked as `<*>` (quoted values, UUIDs, hex, ids,
 * numbers), and its top stack frame with line and column masked. Pure and framework-free; the text is
 * the store's, already sanitized.
 */
import { oneLine } from "../model/sanitize.js";
import type { ExceptionRecord } from "../model/types.js";

/** What a masked part reads as. */
export const MASK = "<*>";

/** Past this many characters a message is cut before masking: a 256 KB message is one problem too. */
const maxMaskedChars = 512;

// Order matters: quoted values first (a UUID inside quotes is one quoted value), then UUIDs before hex
// (a UUID is hex in groups), hex before ids, ids before bare numbers.
const quoted = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;
const uuid = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** `0x1f`, or a run of 8+ hex digits with at least one digit (hashes, request ids). */
const hex = /\b0x[0-9a-f]+\b|\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi;
/** A word of 4+ characters that mixes letters and digits, like `c-123`, `ord_9f2`, `sess42`. */
const id = /\b(?=[\w-]*\d)(?=[\w-]*[a-z])[\w-]{4,}\b/gi;
const number = /\d+(?:[.,]\d+)*/g;
/** Runs of masks left by neighbouring parts (`<*>.<*>` stays; `<*><*>` becomes one). */
const repeated = /(?:<\*>){2,}/g;

/** `message` with the parts that vary between occurrences replaced by `<*>`. */
export function maskMessage(message: string): string {
	const text = message.length > maxMaskedChars ? message.slice(0, maxMaskedChars) : message;
	return text
		.replace(quoted, MASK)
		.replace(uuid, MASK)
		.replace(hex, MASK)
		.replace(id, MASK)
		.replace(number, MASK)
		.replace(repeated, MASK);
}

/** A V8 frame (`    at fn (file:1:2)`), else a Firefox/Safari one (`fn@file:1:2`). */
const v8Frame = /^\s*at\s+(.+)$/;
const atFrame = /^\s*[^\s@]*@\S+:\d+/;
/** `:12:345` (or `:12`) at the end of a frame, before its closing parenthesis. */
const lineColumn = /:\d+(:\d+)?(\)?)$/;

/**
 * The top frame of a stack (`fn (worker.js:<*>:<*>)`, `async` and `at ` dropped), or "" when the stack
 * has none. Line and column are masked: a bundle's columns move with every deploy and the function and
 * file already say where it is.
 */
export function topFrame(stack: string | null): string {
	if (stack === null || stack === "") return "";
	for (const line of stack.split("\n", 64)) {
		const v8 = v8Frame.exec(line);
		const frame = v8 ? (v8[1] ?? "") : atFrame.test(line) ? line.trim() : null;
		if (frame === null) continue;
		const bare = frame.startsWith("async ") ? frame.slice(6) : frame;
		return bare.replace(lineColumn, (_all, column: string | undefined, paren: string) =>
			[":", MASK, column === undefined ? "" : `:${MASK}`, paren].join(""),
		);
	}
	return "";
}

/** The identity of an exception's problem: name, masked message, top frame. */
export interface ProblemFingerprint {
	readonly name: string;
	readonly message: string;
	readonly frame: string;
	/** The three joined by U+0000 (never in sanitized text): the grouping key. */
	readonly key: string;
}

/** The fingerprint of one exception (see the module comment). */
export function problemFingerprint(exception: ExceptionRecord): ProblemFingerprint {
	// One line each: the view draws a group per row (sanitized text keeps its newlines).
	const name = oneLine(exception.name);
	const message = oneLine(maskMessage(exception.message));
	const frame = topFrame(exception.stack);
	return { name, message, frame, key: [name, message, frame].join("\u0000") };
}
