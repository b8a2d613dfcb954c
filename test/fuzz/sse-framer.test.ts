/**
 * Fuzzing the bytes-to-events path of the stream client: the SSE framer (UTF-8 decoding, framing,
 * size cap, torn detection) and the event parser behind it, over random streams cut into random
 * chunks (also inside multi-byte characters and between CR and LF).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hostilePayloadList, unterminatedPayloadList } from "../../source/emulator/hostile.js";
import { parseEvent } from "../../source/model/normalize.js";
import { createSseFramer, type StreamEnding } from "../../source/stream/sse-framer.js";
import { fuzzOptions, timeoutFor } from "./runs.js";

type Eol = "\n" | "\r\n" | "\r";

interface Seen {
	events: { data: string; name: string | undefined }[];
	keepAlives: number;
	oversize: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function recordingFramer(cap: number) {
	const seen: Seen = { events: [], keepAlives: 0, oversize: 0 };
	const framer = createSseFramer(
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
	return { seen, framer };
}

/** Cuts `bytes` at the given fractions of its length (sorted, duplicates allowed: empty chunks too). */
function chunked(bytes: Uint8Array, fractions: readonly number[]): Uint8Array[] {
	const cuts = fractions.map((f) => Math.floor(f * bytes.length)).sort((a, b) => a - b);
	const chunks: Uint8Array[] = [];
	let from = 0;
	for (const cut of [...cuts, bytes.length]) {
		chunks.push(bytes.subarray(from, cut));
		from = cut;
	}
	return chunks;
}

function feed(cap: number, chunks: readonly Uint8Array[]): { seen: Seen; ending: StreamEnding } {
	const { seen, framer } = recordingFramer(cap);
	for (const chunk of chunks) framer.push(chunk);
	return { seen, ending: framer.end() };
}

const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });
const eol = fc.constantFrom<Eol>("\n", "\r\n", "\r");

/** Text of one data line: no line break, not starting with a space (the parser strips one). */
const lineText = fc
	.tuple(
		fc.string({ unit: "grapheme", minLength: 1, maxLength: 3 }),
		fc.string({ unit: "binary", maxLength: 40 }),
	)
	.map(([head, rest]) => (head + rest).replace(/[\r\n]/g, "_").replace(/^ /, "_"));

interface EventFrame {
	readonly kind: "event";
	readonly name: "message" | "other" | null;
	readonly lines: readonly string[];
	readonly eol: Eol;
	readonly space: boolean;
	readonly id: boolean;
}
type Frame =
	| EventFrame
	| { readonly kind: "comment"; readonly text: string; readonly eol: Eol }
	| { readonly kind: "empty"; readonly eol: Eol; readonly named: boolean };

const eventFrame = (lines: fc.Arbitrary<string[]>): fc.Arbitrary<EventFrame> =>
	fc.record({
		kind: fc.constant("event" as const),
		name: fc.constantFrom("message" as const, "other" as const, null),
		lines,
		eol,
		space: fc.boolean(),
		id: fc.boolean(),
	});

const smallEvent = eventFrame(fc.array(lineText, { minLength: 1, maxLength: 3 }));
/** Far over the cap used with it (300), so which side of the cap it falls on is never in doubt. */
const bigEvent = eventFrame(
	fc.array(
		lineText.map((text) => text + "x".repeat(400)),
		{ minLength: 2, maxLength: 3 },
	),
);
const comment = fc.record({
	kind: fc.constant("comment" as const),
	text: fc.string({ maxLength: 20 }).map((text) => text.replace(/[\r\n]/g, "")),
	eol,
});
const empty = fc.record({ kind: fc.constant("empty" as const), eol, named: fc.boolean() });

function wireOf(frame: Frame): string {
	const { eol } = frame;
	if (frame.kind === "comment") return `:${frame.text}${eol}${eol}`;
	if (frame.kind === "empty") return `${frame.named ? `event: message${eol}` : ""}data:${eol}${eol}`;
	const head = frame.name === null ? "" : `event: ${frame.name}${eol}`;
	const data = frame.lines.map((line) => `data:${frame.space ? " " : ""}${line}${eol}`).join("");
	return `${head}${data}${frame.id ? `id: 42${eol}` : ""}${eol}`;
}

/** What the framer must report for this event: its lines as decoded from UTF-8, joined with LF. */
function expectedData(frame: EventFrame): string {
	return frame.lines.map((line) => decoder.decode(encoder.encode(line))).join("\n");
}

describe("SSE framer + event parser", () => {
	it(
		"never throw, whatever the bytes and the chunking, and keep their promises on what they report",
		() => {
			const token = fc.oneof(
				fc.constantFrom(
					"data:",
					"data: ",
					"event: message\n",
					"event:",
					": keep-alive\n",
					"id: 1\n",
					"retry: 10\n",
					"\n",
					"\r",
					"\r\n",
					"\n\n",
					"{",
					'{"uuid":"u","logs":[',
					"}",
					"\uFEFF",
					"\u0000",
					...hostilePayloadList,
					...unterminatedPayloadList,
				),
				fc.string({ unit: "binary", maxLength: 30 }),
			);
			const stream = fc.oneof(
				fc.array(token, { maxLength: 60 }).map((parts) => encoder.encode(parts.join(""))),
				fc.uint8Array({ maxLength: 600 }),
				fc
					.tuple(fc.array(token, { maxLength: 30 }), fc.uint8Array({ maxLength: 100 }))
					.map(([parts, raw]) => {
						const text = encoder.encode(parts.join(""));
						const out = new Uint8Array(text.length + raw.length);
						out.set(text);
						out.set(raw, text.length);
						return out;
					}),
			);
			fc.assert(
				fc.property(stream, fractions, fc.integer({ min: 1, max: 400 }), (bytes, cuts, cap) => {
					const { seen, ending } = feed(cap, chunked(bytes, cuts));
					expect(["clean", "torn", "torn-oversize"]).toContain(ending);
					for (const { data } of seen.events) {
						// Events are never blank (that is a keep-alive) and never over the cap.
						expect(data.trim()).not.toBe("");
						expect(data.length).toBeLessThanOrEqual(cap);
						const result = parseEvent(data, "fallback-project", 0);
						if (result.ok) expect(result.event.uuid).not.toBe("");
						else expect(["json", "shape"]).toContain(result.cause);
					}
				}),
				fuzzOptions(),
			);
		},
		timeoutFor(5),
	);

	it(
		"delivers every complete frame exactly once, in order, whatever the chunk boundaries",
		() => {
			const frames = fc.array(fc.oneof({ weight: 6, arbitrary: smallEvent }, bigEvent, comment, empty), {
				maxLength: 25,
			});
			fc.assert(
				fc.property(frames, fractions, fc.boolean(), (list, cuts, bom) => {
					const wire = (bom ? "\uFEFF" : "") + list.map(wireOf).join("");
					const { seen, ending } = feed(300, chunked(encoder.encode(wire), cuts));
					const events = list.filter((frame): frame is EventFrame => frame.kind === "event");
					const small = events.filter((frame) => frame.lines.join("\n").length <= 300);
					expect(seen.events).toEqual(
						small.map((frame) => ({ data: expectedData(frame), name: frame.name ?? undefined })),
					);
					expect(seen.oversize).toBe(events.length - small.length);
					expect(seen.keepAlives).toBe(list.filter((frame) => frame.kind !== "event").length);
					expect(ending).toBe("clean");
				}),
				fuzzOptions(),
			);
		},
		timeoutFor(5),
	);

	it(
		"a stream cut anywhere: the complete frames before the cut once, the cut one never, then a fresh stream whole",
		() => {
			const frames = fc.array(fc.oneof({ weight: 3, arbitrary: smallEvent }, comment), {
				minLength: 1,
				maxLength: 12,
			});
			fc.assert(
				fc.property(frames, fractions, fc.double({ min: 0, max: 1, noNaN: true }), (list, cuts, at) => {
					const parts = list.map((frame) => encoder.encode(wireOf(frame)));
					const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
					// Byte ranges of the frames, and of each event's "data pending" zone: from the end of its
					// first `data` field name (a line `data` alone is already a data field) to where only
					// the terminator is missing.
					const spans: { end: number; tornFrom: number; tornTo: number }[] = [];
					let offset = 0;
					for (const [i, frame] of list.entries()) {
						const part = parts[i] as Uint8Array;
						whole.set(part, offset);
						const end = offset + part.length;
						if (frame.kind === "event") {
							const head = frame.name === null ? "" : `event: ${frame.name}${frame.eol}`;
							const tornFrom = offset + encoder.encode(`${head}data`).length;
							spans.push({ end, tornFrom, tornTo: frame.eol === "\r\n" ? end - 1 : end });
						} else {
							spans.push({ end, tornFrom: Number.POSITIVE_INFINITY, tornTo: 0 });
						}
						offset = end;
					}
					const cut = Math.floor(at * whole.length);
					const { seen, framer } = recordingFramer(1 << 20);
					for (const chunk of chunked(whole.subarray(0, cut), cuts)) framer.push(chunk);
					const ending = framer.end();

					const delivered = list
						.map((frame, i) => ({ frame, span: spans[i] as (typeof spans)[number] }))
						.filter(({ frame, span }) => frame.kind === "event" && (span.end <= cut || span.tornTo <= cut))
						.map(({ frame }) => expectedData(frame as EventFrame));
					expect(seen.events.map((event) => event.data)).toEqual(delivered);
					const torn = spans.some((span) => span.tornFrom <= cut && cut < span.tornTo);
					expect(ending).toBe(torn ? "torn" : "clean");

					// Nothing carries over into the next response.
					seen.events.length = 0;
					framer.push(encoder.encode('data: {"uuid":"next"}\n\n'));
					expect(framer.end()).toBe("clean");
					expect(seen.events.map((event) => event.data)).toEqual(['{"uuid":"next"}']);
				}),
				fuzzOptions(),
			);
		},
		timeoutFor(5),
	);
});
