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
	return new Framer(handlers, maxEventChars);
}

/** The framer's state and steps; `push` is per chunk on the stream's hot path and allocates nothing else. */
class Framer implements SseFramer {
	readonly #handlers: FrameHandlers;
	readonly #cap: number;
	readonly #parser: EventSourceParser;
	#decoder = new TextDecoder("utf-8");
	// Upper bound of what the parser holds: text fed since (the start of) the chunk in which the last
	// event was dispatched. While it stays under the cap, no event can be over it.
	#sinceDispatch = 0;
	#dispatched = false;
	#overflowed = false;
	// Dropping the rest of an oversized event until its blank line.
	#discarding = false;
	// The last character fed, so a blank line split across chunks is still found.
	#previousLast = -1;
	#finishing = false;
	#tornSeen = false;

	constructor(handlers: FrameHandlers, maxEventChars: number) {
		this.#handlers = handlers;
		this.#cap = Math.max(1, Math.floor(maxEventChars));
		this.#parser = createParser({
			onEvent: this.#onEvent,
			onComment: () => {
				if (!this.#finishing) handlers.onKeepAlive();
			},
			onError: (error) => {
				if (error.type === "max-buffer-size-exceeded") this.#overflowed = true;
			},
			// The parser's own exact measure of a pending event; it only ever trips on the slow path below.
			maxBufferSize: this.#cap,
		});
	}

	push(bytes: Uint8Array): void {
		const text = this.#decoder.decode(bytes, { stream: true });
		if (text.length > 0) this.#feedText(text);
	}

	end(): StreamEnding {
		// An incomplete UTF-8 sequence at the very end comes out as U+FFFD and counts as content.
		const rest = this.#decoder.decode();
		if (rest.length > 0) this.#feedText(rest);
		const ending = this.#discarding ? "torn-oversize" : this.#terminate();
		this.#parser.reset();
		this.#decoder = new TextDecoder("utf-8");
		this.#sinceDispatch = 0;
		this.#dispatched = false;
		this.#overflowed = false;
		this.#discarding = false;
		this.#previousLast = -1;
		this.#tornSeen = false;
		return ending;
	}

	/**
	 * Terminates any partial line and the pending event: if that dispatches an event, the response
	 * ended inside it. Three LFs cover a pending CR of a split CRLF.
	 */
	#terminate(): StreamEnding {
		this.#finishing = true;
		this.#tornSeen = false;
		this.#parser.feed("\n\n\n");
		this.#finishing = false;
		if (this.#tornSeen) return "torn";
		return this.#overflowed ? "torn-oversize" : "clean";
	}

	// A field, not a method: the parser calls it per event, with no wrapper between.
	readonly #onEvent = (message: EventSourceMessage): void => {
		this.#dispatched = true;
		if (this.#finishing) {
			// A frame completed only by the terminator `end` adds was cut off by the end of the stream.
			this.#tornSeen = true;
			return;
		}
		const data = message.data;
		const handlers = this.#handlers;
		// Events are JSON objects (first character `{`), so the trim only runs for odd data.
		if (data.length === 0 || (data.charCodeAt(0) <= 32 && data.trim() === "")) handlers.onKeepAlive();
		// An event that arrived whole inside one chunk was never buffered: the parser's cap did not see it.
		else if (data.length > this.#cap) handlers.onOversize();
		else handlers.onEvent(data, message.event);
	};

	#dropOversized(): void {
		this.#parser.reset();
		this.#overflowed = false;
		this.#handlers.onOversize();
	}

	#feedText(input: string): void {
		let text = input;
		while (text.length > 0) {
			if (this.#discarding) {
				const end = blankLineEnd(text, this.#previousLast);
				if (end === -1) {
					this.#previousLast = text.charCodeAt(text.length - 1);
					return;
				}
				this.#discarding = false;
				this.#sinceDispatch = 0;
				this.#previousLast = text.charCodeAt(end - 1);
				text = text.slice(end);
				continue;
			}
			if (this.#sinceDispatch + text.length <= this.#cap) {
				// The hot path.
				this.#dispatched = false;
				this.#parser.feed(text);
				this.#previousLast = text.charCodeAt(text.length - 1);
				this.#sinceDispatch = this.#dispatched ? text.length : this.#sinceDispatch + text.length;
				if (this.#overflowed) this.#dropOversized(); // cannot happen while the bound holds; kept as a guard
				return;
			}
			const end = this.#feedNearCap(text);
			if (end === -1) return;
			text = text.slice(end);
		}
	}

	/**
	 * The slow path: the pending event might pass the cap within this chunk, so feed only up to its
	 * end. Returns where the rest of `text` starts, or -1 when the whole chunk belonged to the event.
	 */
	#feedNearCap(text: string): number {
		const end = blankLineEnd(text, this.#previousLast);
		const head = end === -1 ? text : text.slice(0, end);
		this.#parser.feed(head);
		this.#previousLast = head.charCodeAt(head.length - 1);
		if (end === -1) {
			this.#sinceDispatch += head.length;
			if (this.#overflowed) {
				this.#dropOversized();
				this.#discarding = true;
			}
			return -1;
		}
		if (this.#overflowed) this.#dropOversized();
		this.#sinceDispatch = 0;
		return end;
	}
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
