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
 * A replacer for the rare value JSON.parse cannot produce: BigInt becomes its decimal string, and an
 * object met again (a cycle, or a shared reference) becomes "[Circular]".
 */
function lenientReplacer(): (key: string, value: unknown) => unknown {
	const seen = new WeakSet<object>();
	return (_key, value) => {
		if (typeof value === "bigint") return value.toString();
		if (typeof value === "object" && value !== null) {
			if (seen.has(value)) return "[Circular]";
			seen.add(value);
		}
		return value;
	};
}

/**
 * `JSON.stringify(value, null, indent)` with DEL, C1, bidi controls and U+2028/U+2029 escaped as
 * `\uXXXX`. Never throws: cycles and BigInt (impossible for JSON.parse output) are rendered leniently,
 * and a value JSON cannot express at all (`undefined`, a function, a throwing `toJSON`) gives `null`.
 */
export function safeJsonStringify(value: unknown, indent?: number): string {
	let json: string | undefined;
	try {
		json = JSON.stringify(value, null, indent);
	} catch {
		try {
			json = JSON.stringify(value, lenientReplacer(), indent);
		} catch {
			json = undefined;
		}
	}
	return json === undefined ? "null" : escapeUnsafe(json);
}
