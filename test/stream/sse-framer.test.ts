import { describe, expect, it } from "vitest";
import { blankLineEnd, createSseFramer, type StreamEnding } from "../../source/stream/sse-framer.js";

interface Seen {
	events: { data: string; name: string | undefined }[];
	keepAlives: number;
	oversize: number;
}

function framer(cap = 1 << 20) {
	const seen: Seen = { events: [], keepAlives: 0, oversize: 0 };
	const instance = createSseFramer(
		{
			onEvent: (data, name) => seen.events.push({ data, name }),
			onKeepAlive: () => {
				seen.keepAlives += 1;
			},
			onOversize: () => {
				seen.oversize += 1;
			},
		},
		cap,
	);
	return { seen, framer: instance };
}

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text);

/** Feeds `text` as bytes cut at the given byte offsets, then ends the stream. */
function feedSplit(text: string, cuts: number[], cap?: number): { seen: Seen; ending: StreamEnding } {
	const { seen, framer: instance } = framer(cap);
	const all = bytes(text);
	let from = 0;
	for (const cut of [...cuts, all.length]) {
		instance.push(all.subarray(from, cut));
		from = cut;
	}
	return { seen, ending: instance.end() };
}

const json1 = JSON.stringify({ uuid: "u-1", logs: [{ messages: ["naïve café – €5 😀 日本"] }] });
const json2 = JSON.stringify({ uuid: "u-2", logs: [] });

describe("framing", () => {
	const variants: [string, string][] = [
		["data only, LF", `data: ${json1}\n\ndata: ${json2}\n\n`],
		["event: message, LF", `event: message\ndata: ${json1}\n\nevent: message\ndata: ${json2}\n\n`],
		["data only, CRLF", `data: ${json1}\r\n\r\ndata: ${json2}\r\n\r\n`],
		[
			"event: message, CRLF",
			`event: message\r\ndata: ${json1}\r\n\r\nevent: message\r\ndata: ${json2}\r\n\r\n`,
		],
		["data only, CR", `data: ${json1}\r\rdata: ${json2}\r\r`],
		["event: message, CR", `event: message\rdata: ${json1}\r\revent: message\rdata: ${json2}\r\r`],
		["no space after colon", `data:${json1}\n\ndata:${json2}\n\n`],
		[
			"keep-alives between (comment, empty data, blank data)",
			`: keep-alive\n\ndata: ${json1}\n\ndata:\n\nevent: message\ndata: \n\n:\n\ndata: ${json2}\n\n`,
		],
	];

	for (const [label, wire] of variants) {
		it(`${label}: events whole, in order, at every split point`, () => {
			const length = bytes(wire).length;
			for (let cut = 0; cut <= length; cut++) {
				const { seen, ending } = feedSplit(wire, [cut]);
				expect(seen.events.map((event) => event.data)).toEqual([json1, json2]);
				expect(ending).toBe("clean");
				expect(seen.oversize).toBe(0);
			}
		});
	}

	it("splits inside every multi-byte character, three pieces at a time", () => {
		const wire = `event: message\r\ndata: ${json1}\r\n\r\n`;
		const length = bytes(wire).length;
		for (let a = 0; a <= length; a += 3) {
			for (let b = a; b <= length; b += 7) {
				const { seen } = feedSplit(wire, [a, b]);
				expect(seen.events.map((event) => event.data)).toEqual([json1]);
			}
		}
	});

	it("byte by byte", () => {
		const wire = `: hi\r\n\r\ndata: ${json1}\r\rdata: ${json2}\n\n`;
		const all = bytes(wire);
		const cuts = Array.from({ length: all.length - 1 }, (_, i) => i + 1);
		const { seen, ending } = feedSplit(wire, cuts);
		expect(seen.events.map((event) => event.data)).toEqual([json1, json2]);
		expect(ending).toBe("clean");
	});

	it("reports keep-alives (comments, empty and blank data) and never as events", () => {
		const { seen } = feedSplit(`: keep-alive\n\ndata:\n\ndata: \n\nevent: message\ndata:\n\n`, []);
		expect(seen.events).toEqual([]);
		expect(seen.keepAlives).toBe(4);
	});

	it("joins multi-line data with LF and passes the event name", () => {
		const { seen } = feedSplit(`event: other\ndata: {\ndata: "a": 1\ndata: }\n\n`, []);
		expect(seen.events).toEqual([{ data: '{\n"a": 1\n}', name: "other" }]);
	});

	it("strips a leading BOM", () => {
		const { seen } = feedSplit(`\uFEFFdata: ${json2}\n\n`, [1, 2]);
		expect(seen.events.map((event) => event.data)).toEqual([json2]);
	});
});

describe("stream endings", () => {
	it("a stream cut inside a data line is torn, and the partial event is not delivered", () => {
		const wire = `data: ${json2}\n\ndata: ${json1}\n\n`;
		const tornAt = wire.indexOf("u-1");
		const { seen, ending } = feedSplit(wire.slice(0, tornAt), []);
		expect(seen.events.map((event) => event.data)).toEqual([json2]);
		expect(ending).toBe("torn");
	});

	it("a stream cut after the data line but before the blank line is torn", () => {
		for (const eol of ["\n", "\r\n", "\r"]) {
			const { seen, ending } = feedSplit(`data: ${json1}${eol}`, []);
			expect(seen.events).toEqual([]);
			expect(ending).toBe("torn");
		}
	});

	it("a stream cut inside a multi-byte character is torn", () => {
		const wire = bytes(`data: ${json1}\n\n`);
		const inside = wire.indexOf(0xe2) + 1; // the euro sign's second byte
		const instance = framer();
		instance.framer.push(wire.subarray(0, inside));
		expect(instance.framer.end()).toBe("torn");
	});

	it("ends between frames or after a partial comment are clean", () => {
		expect(feedSplit(`data: ${json1}\n\n`, []).ending).toBe("clean");
		expect(feedSplit(`data: ${json1}\r\n\r\n: keep-al`, []).ending).toBe("clean");
		expect(feedSplit("", []).ending).toBe("clean");
	});

	it("is ready for the next stream after end (no state carried over)", () => {
		const { seen, framer: instance } = framer();
		instance.push(bytes(`data: {"uuid":"par`));
		expect(instance.end()).toBe("torn");
		instance.push(bytes(`data: ${json2}\n\n`));
		expect(instance.end()).toBe("clean");
		expect(seen.events.map((event) => event.data)).toEqual([json2]);
	});
});

/** The uuid of each event (short, so a failure does not print kilobytes of padding). */
const uuidsOf = (seen: Seen) => seen.events.map((event) => (JSON.parse(event.data) as { uuid: string }).uuid);

describe("size cap", () => {
	const big = JSON.stringify({ uuid: "big", pad: "x".repeat(5000) });
	const small = JSON.stringify({ uuid: "small" });

	it("skips an event larger than the cap and keeps the ones around it, at any chunking", () => {
		const wire = `data: ${small}\n\ndata: ${big}\n\ndata: ${small}\n\n`;
		for (const chunk of [1, 7, 100, 999, 4096, 10_000]) {
			const length = bytes(wire).length;
			const cuts: number[] = [];
			for (let at = chunk; at < length; at += chunk) cuts.push(at);
			const { seen, ending } = feedSplit(wire, cuts, 1000);
			expect(uuidsOf(seen)).toEqual(["small", "small"]);
			expect(seen.oversize).toBe(1);
			expect(ending).toBe("clean");
		}
	});

	it("skips an oversized multi-line event with CRLF and CR line endings", () => {
		for (const eol of ["\r\n", "\r"]) {
			const lines = Array.from({ length: 50 }, (_, i) => `data: "line ${i} ${"y".repeat(80)}"`).join(eol);
			const wire = `event: message${eol}${lines}${eol}${eol}data: ${small}${eol}${eol}`;
			for (const chunk of [13, 512, 3000]) {
				const length = bytes(wire).length;
				const cuts: number[] = [];
				for (let at = chunk; at < length; at += chunk) cuts.push(at);
				const { seen } = feedSplit(wire, cuts, 1000);
				expect(uuidsOf(seen)).toEqual(["small"]);
				expect(seen.oversize).toBe(1);
			}
		}
	});

	it("an event just under the cap passes", () => {
		const data = JSON.stringify({ uuid: "fits", pad: "z".repeat(900) });
		const { seen } = feedSplit(`data: ${data}\n\n`, [300, 600, 900], 1000);
		expect(uuidsOf(seen)).toEqual(["fits"]);
		expect(seen.oversize).toBe(0);
	});

	it("many small events in one big chunk are never mistaken for one big event", () => {
		const wire = Array.from({ length: 500 }, (_, i) => `data: {"uuid":"e${i}"}\n\n`).join("");
		const { seen } = feedSplit(wire, [], 1000);
		expect(seen.events).toHaveLength(500);
		expect(seen.oversize).toBe(0);
	});

	it("comment-only traffic larger than the cap is not oversize", () => {
		const wire = `${": keep-alive\n\n".repeat(500)}data: ${small}\n\n`;
		const { seen } = feedSplit(wire, [3000, 6000], 1000);
		expect(seen.oversize).toBe(0);
		expect(uuidsOf(seen)).toEqual(["small"]);
	});

	it("a stream that ends inside an oversized event reports it once, as torn-oversize", () => {
		const { seen, ending } = feedSplit(`data: ${big}`, [2000, 4000], 1000);
		expect(seen.oversize).toBe(1);
		expect(ending).toBe("torn-oversize");
	});
});

describe("blankLineEnd", () => {
	const LF = 10;
	const CR = 13;
	it.each([
		["a\n\nb", -1, 3],
		["a\r\rb", -1, 3],
		["a\r\n\r\nb", -1, 5],
		["a\r\n\nb", -1, 4],
		["a\n\r\nb", -1, 4],
		["a\r\nb", -1, -1],
		["abc", -1, -1],
		["\nb", LF, 1],
		["\r\nb", LF, 2],
		["\rb", CR, 1],
		["\n\nb", CR, 2],
		["\nb", CR, -1],
	])("%j after %i ends at %i", (text, previous, expected) => {
		expect(blankLineEnd(text, previous)).toBe(expected);
	});
});
