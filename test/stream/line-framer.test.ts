import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLineFramer } from "../../source/stream/line-framer.js";

const encoder = new TextEncoder();

interface Seen {
	lines: string[];
	safe: boolean[];
	tooLong: number;
}

/** Feeds `text` as bytes cut at the given byte offsets, then ends the input. */
function feed(text: string | Uint8Array, cuts: number[] = [], max = 1 << 20): Seen {
	const seen: Seen = { lines: [], safe: [], tooLong: 0 };
	const framer = createLineFramer(
		{
			onLine: (line, safe) => {
				seen.lines.push(line);
				seen.safe.push(safe);
			},
			onTooLong: () => {
				seen.tooLong++;
			},
		},
		max,
	);
	const all = typeof text === "string" ? encoder.encode(text) : text;
	let from = 0;
	for (const cut of [...cuts, all.length]) {
		framer.push(all.subarray(from, cut));
		from = cut;
	}
	framer.end();
	return seen;
}

describe("line framer", () => {
	const text = '{"a":"naïve café – €5 😀 日本"}\r\n\n{"b":2}\nlast';
	const expected = ['{"a":"naïve café – €5 😀 日本"}\r', "", '{"b":2}', "last"];

	it("gives every line whole, at every split point, with a last line without LF", () => {
		const length = encoder.encode(text).length;
		for (let cut = 0; cut <= length; cut++) expect(feed(text, [cut]).lines).toEqual(expected);
	});

	it("byte by byte", () => {
		const length = encoder.encode(text).length;
		const cuts = Array.from({ length }, (_, i) => i);
		expect(feed(text, cuts).lines).toEqual(expected);
	});

	it("drops a leading BOM, also split across chunks, and only at the very start", () => {
		expect(feed("\ufeffa\n\ufeffb", [1, 2]).lines).toEqual(["a", "\ufeffb"]);
		expect(feed("\ufeff").lines).toEqual([]);
		expect(feed(new Uint8Array([0xef, 0xbb])).lines).toEqual(["\ufffd"]);
	});

	it("says which lines are certainly safe (a final CR does not count)", () => {
		const seen = feed('{"a":1}\r\n{"b":"\u202e"}\n{"c":\t1}\n{"d":"ok"}\n');
		expect(seen.safe).toEqual([true, false, false, true]);
	});

	it("says nothing for sure about a line split across chunks", () => {
		const seen = feed('{"a":1}\n{"b":2}\n', [10]);
		expect(seen.lines).toEqual(['{"a":1}', '{"b":2}']);
		expect(seen.safe).toEqual([true, false]);
	});

	it("drops a line that grows too long across chunks, once, and goes on with the next", () => {
		const long = "y".repeat(5000);
		const seen = feed(`a\n${long}\nb\n`, [100, 2000, 4000, 4990], 1000);
		expect(seen.tooLong).toBe(1);
		expect(seen.lines).toEqual(["a", "b"]);
		// Inside one chunk it is already read: it comes whole, and the caller checks its length.
		expect(feed(`a\n${long}\nb\n`, [], 1000).lines).toEqual(["a", long, "b"]);
	});

	it("never drops a line that fits in characters, even with 3 bytes each", () => {
		const line = "日".repeat(1000);
		const seen = feed(`${line}\nz\n`, [500, 1500, 2500], 1000);
		expect(seen.tooLong).toBe(0);
		expect(seen.lines).toEqual([line, "z"]);
	});

	it("gives the same lines as decoding first and splitting, for any bytes and chunking", () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 300 }),
				fc.array(fc.nat({ max: 300 }), { maxLength: 8 }),
				(bytes, rawCuts) => {
					const cuts = rawCuts.map((cut) => Math.min(cut, bytes.length)).sort((a, b) => a - b);
					let text = Buffer.from(bytes).toString("utf8");
					if (text.startsWith("\ufeff") && bytes[0] === 0xef) text = text.slice(1);
					const lines = text.split("\n");
					if (lines.at(-1) === "") lines.pop();
					expect(feed(bytes, cuts).lines).toEqual(lines);
				},
			),
			{ numRuns: 1000 },
		);
	});
});
