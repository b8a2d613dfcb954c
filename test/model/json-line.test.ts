import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSafeJsonLine, SafeBytes, storedJson } from "../../source/model/json-line.js";
import { safeJsonStringify } from "../../source/model/safe-json.js";

const encoder = new TextEncoder();

/** SafeBytes' answer for the whole of `bytes`. */
function safeBytes(bytes: Uint8Array): boolean {
	const scanner = new SafeBytes();
	scanner.reset(Buffer.from(bytes));
	return scanner.isSafe(0, bytes.length);
}

describe("isSafeJsonLine", () => {
	it("accepts compact JSON with printable text, Latin-1, CJK, emoji and escapes", () => {
		expect(isSafeJsonLine('{"uuid":"a","m":"café 日本 😀 \\u001b[2J \\u009b"}')).toBe(true);
	});

	it.each([
		["a newline", '{"a":1,\n"b":2}'],
		["a CR", '{"a":1}\r'],
		["a tab", '{"a":\t1}'],
		["raw DEL", '{"a":"\u007f"}'],
		["a raw C1 control", '{"a":"\u009b2J"}'],
		["a bidi override", '{"a":"\u202e"}'],
		["an isolate", '{"a":"\u2066"}'],
		["an Arabic letter mark", '{"a":"\u061c"}'],
		["a line separator", '{"a":"\u2028"}'],
		["a lone surrogate", '{"a":"\ud800"}'],
	])("rejects %s", (_name, text) => {
		expect(isSafeJsonLine(text)).toBe(false);
	});

	it("accepts exactly what safeJsonStringify can produce on one line", () => {
		fc.assert(
			fc.property(fc.jsonValue(), (value) => {
				expect(isSafeJsonLine(safeJsonStringify(value))).toBe(true);
			}),
		);
	});
});

describe("SafeBytes", () => {
	it.each([
		["tab", "\t"],
		["CR", "\r"],
		["DEL", "\u007f"],
		["a C1 control (C2 8x)", "\u0085"],
		["U+061C (D8 9C)", "\u061c"],
		["a bidi control (E2 80 xx)", "\u202e"],
		["an isolate (E2 81 xx)", "\u2067"],
		["U+2028", "\u2028"],
	])("flags %s", (_name, char) => {
		expect(safeBytes(encoder.encode(`{"a":"x${char}y"}`))).toBe(false);
	});

	it("passes ASCII and characters whose lead bytes are not rare", () => {
		expect(safeBytes(encoder.encode('{"a":"é ü ß 日本 😀 ﬁ"}'))).toBe(true);
	});

	it("answers ranges in order, each on its own bytes", () => {
		const text = "aaaa\tbbbb\u202ecccc dddd\u007feeee";
		const bytes = Buffer.from(text);
		const scanner = new SafeBytes();
		scanner.reset(bytes);
		const range = (from: string, to: string) => [bytes.indexOf(from), bytes.indexOf(to) + to.length] as const;
		expect(scanner.isSafe(...range("aaaa", "aaaa"))).toBe(true);
		expect(scanner.isSafe(...range("aaaa", "bbbb"))).toBe(false);
		expect(scanner.isSafe(...range("bbbb", "bbbb"))).toBe(true);
		expect(scanner.isSafe(...range("cccc", "dddd"))).toBe(true);
		expect(scanner.isSafe(...range("dddd", "eeee"))).toBe(false);
		expect(scanner.isSafe(...range("eeee", "eeee"))).toBe(true);
		scanner.reset(Buffer.from("\t"));
		expect(scanner.isSafe(0, 1)).toBe(false);
	});

	it("never vouches for text isSafeJsonLine rejects, once JSON.parse accepted it", () => {
		// Arbitrary bytes (overlong and surrogate encodings, stray continuation bytes included) and
		// JSON with characters of every kind: what a decoder makes of them is what counts.
		const jsonBytes = fc
			.tuple(fc.jsonValue(), fc.string({ unit: "binary" }))
			.map(([value, text]) => encoder.encode(JSON.stringify([value, text])));
		const anyBytes = fc.uint8Array({ maxLength: 64 }).map((raw) => {
			const out = new Uint8Array(raw.length + 8);
			out.set(encoder.encode('["'));
			out.set(raw, 2);
			out.set(encoder.encode('"]'), raw.length + 2);
			return out.subarray(0, raw.length + 4);
		});
		fc.assert(
			fc.property(fc.oneof(jsonBytes, anyBytes), (bytes) => {
				const text = Buffer.from(bytes).toString("utf8");
				let valid = true;
				try {
					JSON.parse(text);
				} catch {
					valid = false;
				}
				if (valid && safeBytes(bytes)) expect(isSafeJsonLine(text)).toBe(true);
			}),
			{ numRuns: 2000 },
		);
	});

	it("overlong and surrogate encodings of unsafe characters decode to U+FFFD, never to the character", () => {
		for (const bytes of [
			[0xc0, 0x9b], // overlong ESC
			[0xe0, 0x82, 0x9b], // overlong U+009B
			[0xe0, 0x80, 0x8a], // overlong LF
			[0xed, 0xa0, 0x80], // U+D800 as UTF-8
		]) {
			const line = Buffer.from([0x22, ...bytes, 0x22]);
			expect(safeBytes(line)).toBe(true);
			const text = line.toString("utf8");
			expect(isSafeJsonLine(text)).toBe(true);
			expect(text).toMatch(/^"\ufffd+"$/);
		}
	});
});

describe("storedJson", () => {
	it("escapes characters above U+00FF, and gives the same JSON value", () => {
		const json = JSON.stringify({ a: "café 日本 😀", b: ["\u2705"], "k\u4e00": 1 });
		const stored = storedJson(json, true);
		expect(stored).toBe('{"a":"café \\u65e5\\u672c \\ud83d\\ude00","b":["\\u2705"],"k\\u4e00":1}');
		expect(JSON.parse(stored)).toEqual(JSON.parse(json));
		expect(stored).toMatch(/^[\x00-\xff]*$/);
	});

	it("keeps Latin-1 text as it is, copied when it may be borrowed", () => {
		const json = '{"a":"café"}';
		expect(storedJson(json, true)).toBe(json);
		expect(storedJson(json, false)).toBe(json);
	});

	it("round-trips any JSON value", () => {
		fc.assert(
			fc.property(fc.jsonValue(), fc.boolean(), (value, owned) => {
				const json = safeJsonStringify(value);
				const stored = storedJson(json, owned);
				expect(stored).toMatch(/^[\x00-\xff]*$/);
				expect(isSafeJsonLine(stored)).toBe(true);
				expect(JSON.parse(stored)).toEqual(JSON.parse(json));
			}),
		);
	});
});
