/**
 * Turns the bytes of one Tail Worker Logs response into frames: UTF-8 decoding (chunks may split a
 * multi-byte character), SSE parsing (eventsource-parser: `data:` with or without `event:`, LF, CRLF
 * and CR), keep-alive recognition, a size cap per event that never buffers an oversized event whole,
 * and, when the response ends, whether it ended in the middle of a frame (torn).
 *
 * The hot path is one `TextDecoder.decode` and one `parser.feed` per chunk. Sizes are checked only
 * when the text fed since the last dispatched event could exceed the cap; only then does the framer
 * look for the event's end itself.
 */
import { createParser, type EventSourceMessage, type EventSourceParser } from "eventsource-parser";

const LF = 10;
const CR = 13;

/** Where frames go. Called synchronously from `push`/`end`. */
export interface FrameHandlers {
	/** A complete event whose data is not blank. `name` is the `event:` field, if any. */
	onEvent(data: string, name: string | undefined): void;
	/** A keep-alive: a comment line, or an event with empty (or blank) data. */
	onKeepAlive(): void;
	/** An event larger than the cap was dropped. */
	onOversize(): void;
}

/** How a response ended, from the framing's point of view. */
export type StreamEnding =
	/** between frames */
	| "clean"
	/** in the middle of an event: that event is lost */
	| "torn"
	/** in the middle of an oversized event already reported by `onOversize` */
	| "torn-oversize";

export interface SseFramer {
	/** Feeds one chunk of the response body. */
	push(bytes: Uint8Array): void;
	/** The response ended (normally or not): flushes, reports how, and readies for a new response. */
	end(): StreamEnding;
}

/**
 * A framer for responses, one at a time (call `end` between them).
 * @param maxEventChars the size cap of one event's data, in characters of decoded text (for the
 *   JSON of an event that is its size in bytes, but for multi-byte text).
 */
export function createSseFramer(handlers: FrameHandlers, maxEventChars: number): SseFramer {
	const cap = Math.max(1, Math.floor(maxEventChars));
	let decoder = new TextDecoder("utf-8");
	// Upper bound of what the parser holds: text fed since (the start of) the chunk in which the last
	// event was dispatched. While it stays under the cap, no event can be over it.
	let sinceDispatch = 0;
	let dispatched = false;
	let overflowed = false;
	// Dropping the rest of an oversized event until its blank line.
	let discarding = false;
	// The last character fed, so a blank line split across chunks is still found.
	let previousLast = -1;
	let finishing = false;
	let tornSeen = false;

	const onEvent = (message: EventSourceMessage): void => {
		dispatched = true;
		if (finishing) {
			// A frame completed only by the terminator `end` adds was cut off by the end of the stream.
			tornSeen = true;
			return;
		}
		const data = message.data;
		// Events are JSON objects (first character `{`), so the trim only runs for odd data.
		if (data.length === 0 || (data.charCodeAt(0) <= 32 && data.trim() === "")) handlers.onKeepAlive();
		// An event that arrived whole inside one chunk was never buffered: the parser's cap did not see it.
		else if (data.length > cap) handlers.onOversize();
		else handlers.onEvent(data, message.event);
	};

	const parser: EventSourceParser = createParser({
		onEvent,
		onComment: () => {
			if (!finishing) handlers.onKeepAlive();
		},
		onError: (error) => {
			if (error.type === "max-buffer-size-exceeded") overflowed = true;
		},
		// The parser's own exact measure of a pending event; it only ever trips on the slow path below.
		maxBufferSize: cap,
	});

	const dropOversized = (): void => {
		parser.reset();
		overflowed = false;
		handlers.onOversize();
	};

	const feedText = (input: string): void => {
		let text = input;
		while (text.length > 0) {
			if (discarding) {
				const end = blankLineEnd(text, previousLast);
				if (end === -1) {
					previousLast = text.charCodeAt(text.length - 1);
					return;
				}
				discarding = false;
				sinceDispatch = 0;
				previousLast = text.charCodeAt(end - 1);
				text = text.slice(end);
				continue;
			}
			if (sinceDispatch + text.length <= cap) {
				// The hot path.
				dispatched = false;
				parser.feed(text);
				previousLast = text.charCodeAt(text.length - 1);
				sinceDispatch = dispatched ? text.length : sinceDispatch + text.length;
				if (overflowed) dropOversized(); // cannot happen while the bound holds; kept as a guard
				return;
			}
			// The pending event might pass the cap within this chunk: feed only up to its end.
			const end = blankLineEnd(text, previousLast);
			const head = end === -1 ? text : text.slice(0, end);
			parser.feed(head);
			previousLast = head.charCodeAt(head.length - 1);
			if (end === -1) {
				// The whole chunk belongs to the pending event.
				sinceDispatch += head.length;
				if (overflowed) {
					dropOversized();
					discarding = true;
				}
				return;
			}
			if (overflowed) dropOversized();
			sinceDispatch = 0;
			text = text.slice(end);
		}
	};

	return {
		push(bytes) {
			const text = decoder.decode(bytes, { stream: true });
			if (text.length > 0) feedText(text);
		},
		end() {
			// An incomplete UTF-8 sequence at the very end comes out as U+FFFD and counts as content.
			const rest = decoder.decode();
			if (rest.length > 0) feedText(rest);
			let ending: StreamEnding = "clean";
			if (discarding) {
				ending = "torn-oversize";
			} else {
				// Terminate any partial line and the pending event: if that dispatches an event, the
				// response ended inside it. Three LFs cover a pending CR of a split CRLF.
				finishing = true;
				tornSeen = false;
				parser.feed("\n\n\n");
				finishing = false;
				if (tornSeen) ending = "torn";
				else if (overflowed) ending = "torn-oversize";
			}
			parser.reset();
			decoder = new TextDecoder("utf-8");
			sinceDispatch = 0;
			dispatched = false;
			overflowed = false;
			discarding = false;
			previousLast = -1;
			tornSeen = false;
			return ending;
		},
	};
}

/**
 * The index just after the first blank line (the end of an event block) in `text`, or -1. A blank
 * line is two line terminators in a row where CRLF counts as one: it always contains `\n\n`, `\r\r`
 * or `\n\r`, or straddles the previous chunk (`previous` is its last character code, or -1).
 */
export function blankLineEnd(text: string, previous: number): number {
	const c0 = text.charCodeAt(0);
	if (previous === LF && (c0 === LF || c0 === CR)) return afterTerminator(text, 0);
	if (previous === CR) {
		if (c0 === CR) return afterTerminator(text, 0);
		// `\r` + `\n` is one terminator; a second one right after it makes the blank line.
		const c1 = text.charCodeAt(1);
		if (c0 === LF && (c1 === LF || c1 === CR)) return afterTerminator(text, 1);
	}
	let first = -1;
	for (const pair of ["\n\n", "\r\r", "\n\r"]) {
		const index = text.indexOf(pair);
		if (index !== -1 && (first === -1 || index < first)) first = index;
	}
	return first === -1 ? -1 : afterTerminator(text, first + 1);
}

/** The index after the line terminator starting at `index` (a CR followed by LF is one terminator). */
function afterTerminator(text: string, index: number): number {
	return text.charCodeAt(index) === CR && text.charCodeAt(index + 1) === LF ? index + 2 : index + 1;
}
