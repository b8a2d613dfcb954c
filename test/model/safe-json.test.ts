import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeJsonStringify } from "../../source/model/safe-json.js";

const rawUnsafe = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe("safeJsonStringify", () => {
	it.each([
		["DEL", "a\x7fb", '"a\\u007fb"'],
		["8-bit CSI", "\u009b31m", '"\\u009b31m"'],
		["every C1", "\u0080\u009f", '"\\u0080\\u009f"'],
		["bidi override and isolates", "\u202e\u2066\u2069", '"\\u202e\\u2066\\u2069"'],
		["marks", "\u200e\u200f\u061c", '"\\u200e\\u200f\\u061c"'],
		["line and paragraph separators", "a\u2028b\u2029", '"a\\u2028b\\u2029"'],
		["ESC, escaped by JSON.stringify itself", "\x1b[2J", '"\\u001b[2J"'],
		["a backslash before a C1 character", "\\\u009b", '"\\\\\\u009b"'],
		["a lone surrogate, escaped by JSON.stringify itself", "\ud800", '"\\ud800"'],
	])("escapes %s", (_name, value, expected) => {
		const json = safeJsonStringify(value);
		expect(json).toBe(expected);
		expect(JSON.parse(json)).toBe(value);
	});

	it("keeps emoji, CJK and plain text raw", () => {
		const value = { text: "日本語 😀 café", n: 1 };
		expect(safeJsonStringify(value)).toBe(JSON.stringify(value));
	});

	it("escapes inside keys too, and indents like JSON.stringify", () => {
		const value = { "k\u009b": ["v\u202e", 2] };
		const json = safeJsonStringify(value, 2);
		expect(json).toBe('{\n  "k\\u009b": [\n    "v\\u202e",\n    2\n  ]\n}');
		expect(JSON.parse(json)).toEqual(value);
	});

	it("round-trips any JSON value and leaves nothing unsafe raw", () => {
		fc.assert(
			fc.property(fc.jsonValue(), (value) => {
				const json = safeJsonStringify(value);
				expect(json).not.toMatch(rawUnsafe);
				expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)));
			}),
			{ numRuns: 1000 },
		);
	});

	it("never throws", () => {
		const circular: Record<string, unknown> = { a: 1 };
		circular.self = circular;
		expect(JSON.parse(safeJsonStringify(circular))).toEqual({ a: 1, self: "[Circular]" });
		expect(safeJsonStringify({ big: 10n })).toBe('{"big":"10"}');
		expect(safeJsonStringify(undefined)).toBe("null");
		expect(safeJsonStringify(() => 1)).toBe("null");
		const hostile = {
			toJSON() {
				throw new Error("no");
			},
		};
		expect(safeJsonStringify(hostile)).toBe("null");
	});

	it("keeps JSON nested far deeper than JSON.stringify can recurse, never null", () => {
		const depth = 200_000;
		// Raw C1 and bidi characters in the string: the output must escape them, so it cannot reuse the text.
		const inner = `"\u009b\u202e"`;
		const text = `{"uuid":"deep","v":${"[".repeat(depth)}${inner}${"]".repeat(depth)}}`;
		const value = JSON.parse(text) as unknown;
		expect(() => JSON.stringify(value)).toThrow(RangeError);
		const json = safeJsonStringify(value);
		expect(json.startsWith('{"uuid":"deep"')).toBe(true);
		expect(rawUnsafe.test(json)).toBe(false);
		// Compared as booleans: a failure must not print two 400 KB strings.
		expect(json === text.replace(inner, '"\\u009b\\u202e"')).toBe(true);
	});

	it("indents deep JSON to a bounded depth, so the text stays linear in the input", () => {
		const depth = 100_000;
		const value = JSON.parse(`${"[".repeat(depth)}1${"]".repeat(depth)}`) as unknown;
		const pretty = safeJsonStringify(value, 2);
		expect(pretty.length).toBeLessThan(3 * depth + 10_000);
		expect(pretty.startsWith("[\n  [\n    [")).toBe(true);
		// Round-trips: the same value (compared without recursion: the text, compact).
		expect(safeJsonStringify(JSON.parse(pretty) as unknown)).toBe(safeJsonStringify(value));
	});

	it("writes what JSON.stringify writes when the fallback runs for shallow values", () => {
		const bigintAsString = (_key: string, value: unknown): unknown =>
			typeof value === "bigint" ? value.toString() : value;
		fc.assert(
			fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (json, indent) => {
				// A BigInt beside the value makes JSON.stringify throw, so the iterative writer runs.
				const value = { json, n: 10n, gone: undefined, list: [undefined, () => 1] };
				expect(safeJsonStringify(value, indent)).toBe(
					safeJsonStringify(JSON.parse(JSON.stringify(value, bigintAsString)) as unknown, indent),
				);
			}),
			{ numRuns: 500 },
		);
	});
});
