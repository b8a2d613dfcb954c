/**
 * JSON that is safe to print on a terminal and to store as NDJSON. `JSON.stringify` already escapes C0
 * controls and lone surrogates, but leaves DEL, the C1 controls (U+009B is an 8-bit CSI), bidi controls
 * and U+2028/U+2029 raw; those are escaped here as `\uXXXX`, which parses back to the same value.
 */

/** Characters `JSON.stringify` leaves raw that a terminal (or a line-based reader) must not see. */
const unsafe = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const unsafeGlobal = new RegExp(unsafe.source, "g");

function escapeChar(char: string): string {
	return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * Escapes what JSON.stringify leaves raw. Such characters can only occur inside JSON strings (outside
 * them JSON has only ASCII punctuation and whitespace), and never right after an unfinished escape, so
 * replacing each with its `\u` escape keeps the text valid JSON for the same value.
 */
function escapeUnsafe(json: string): string {
	return unsafe.test(json) ? json.replace(unsafeGlobal, escapeChar) : json;
}

/**
 * Past this depth the iterative fallback writes values compactly even when indenting: indentation
 * grows with depth, so a 10 MB document nested a million levels deep would otherwise print terabytes.
 */
const maxIndentDepth = 64;

/** An array or object being written by `stringifyIteratively`. */
interface Frame {
	readonly array: boolean;
	readonly value: object;
	readonly keys: readonly string[];
	index: number;
	/** Depth of the frame's members (the root's are at 1). */
	readonly depth: number;
	empty: boolean;
}

/**
 * JSON.stringify's output for the values it refuses: nesting deeper than its recursion allows (a
 * RangeError past a few thousand levels, which JSON.parse itself accepts), a BigInt (as its decimal
 * string) and an object met again (a cycle or a shared reference: "[Circular]"). An explicit stack
 * instead of recursion, so any depth works. Returns undefined for a value JSON has no text for.
 */
function stringifyIteratively(root: unknown, indent: number): string | undefined {
	const out: string[] = [];
	const seen = new WeakSet<object>();
	const stack: Frame[] = [];
	const gap = (depth: number): string =>
		indent > 0 && depth <= maxIndentDepth ? `\n${" ".repeat(indent * depth)}` : "";

	/** A primitive's text, undefined for none, or null once an array or object was opened. */
	const begin = (raw: unknown, key: string, depth: number): string | undefined | null => {
		let value = raw;
		if (typeof value === "object" && value !== null && "toJSON" in value) {
			const toJSON = (value as { toJSON?: unknown }).toJSON;
			if (typeof toJSON === "function") value = (toJSON as (key: string) => unknown).call(value, key);
		}
		if (typeof value === "bigint") return JSON.stringify(value.toString());
		if (typeof value !== "object" || value === null) return JSON.stringify(value);
		if (value instanceof Number || value instanceof String || value instanceof Boolean) {
			return JSON.stringify(value);
		}
		if (seen.has(value)) return '"[Circular]"';
		seen.add(value);
		const array = Array.isArray(value);
		stack.push({
			array,
			value,
			keys: array ? [] : Object.keys(value),
			index: 0,
			depth: depth + 1,
			empty: true,
		});
		out.push(array ? "[" : "{");
		return null;
	};

	const first = begin(root, "", 0);
	if (first !== null) return first;
	while (stack.length > 0) {
		const frame = stack[stack.length - 1] as Frame;
		const length = frame.array ? (frame.value as unknown[]).length : frame.keys.length;
		if (frame.index >= length) {
			stack.pop();
			if (!frame.empty && frame.depth <= maxIndentDepth) out.push(gap(frame.depth - 1));
			out.push(frame.array ? "]" : "}");
			continue;
		}
		const index = frame.index++;
		const key = frame.array ? String(index) : (frame.keys[index] as string);
		const child = (frame.value as Record<string, unknown>)[key];
		const mark = out.length;
		out.push(frame.empty ? gap(frame.depth) : `,${gap(frame.depth)}`);
		if (!frame.array) {
			out.push(`${JSON.stringify(key)}${indent > 0 && frame.depth <= maxIndentDepth ? ": " : ":"}`);
		}
		const wasEmpty = frame.empty;
		frame.empty = false;
		const text = begin(child, key, frame.depth);
		if (text === null) continue;
		if (text !== undefined) out.push(text);
		else if (frame.array) out.push("null");
		else {
			// JSON.stringify leaves out a member with no JSON text (undefined, a function).
			out.length = mark;
			frame.empty = wasEmpty;
		}
	}
	return out.join("");
}

/**
 * `JSON.stringify(value, null, indent)` with DEL, C1, bidi controls and U+2028/U+2029 escaped as
 * `\uXXXX`. Never throws, and never loses a value JSON.parse can produce: nesting too deep for
 * JSON.stringify is written without recursion (indented to 64 levels, compact below), cycles and
 * BigInt (impossible for JSON.parse output) are rendered leniently. Only a value JSON cannot express
 * at all (`undefined`, a function, a throwing `toJSON`) gives `null`.
 */
export function safeJsonStringify(value: unknown, indent?: number): string {
	let json: string | undefined;
	try {
		json = JSON.stringify(value, null, indent);
	} catch {
		try {
			json = stringifyIteratively(value, indent ?? 0);
		} catch {
			json = undefined;
		}
	}
	return json === undefined ? "null" : escapeUnsafe(json);
}
