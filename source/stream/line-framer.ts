/**
 * Splits UTF-8 bytes into lines, for NDJSON recordings (`bctail replay`): one JSON event per line.
 *
 * Why on bytes, like the SSE framer: decoding a whole 256 KiB chunk first costs more than finding its
 * lines, and one non-Latin-1 character anywhere makes the whole chunk (and every line sliced from it)
 * a two-byte string, slower to scan and parse. Here each line is decoded on its own (one byte per
 * character when it is Latin-1), and whether its text is certainly safe to reuse as an event's JSON
 * line is read off the bytes (`SafeBytes`). A line split across chunks is kept as bytes until its end;
 * one that grows past what could still be `maxLineChars` characters is dropped as it comes, so memory
 * stays bounded whatever the file holds.
 */
import { SafeBytes } from "../model/json-line.js";

const LF = 10;
const CR = 13;

export interface LineHandlers {
	/**
	 * A complete line, LF removed (a CR before it is kept: CRLF is the caller's to strip). `safe`: the
	 * line, without a final CR, holds no byte `SafeBytes` flags (false means unknown, not unsafe).
	 */
	onLine(line: string, safe: boolean): void;
	/** A line longer than the cap was dropped without being read whole. */
	onTooLong(): void;
}

export interface LineFramer {
	/** Feeds the next bytes of the input. */
	push(bytes: Uint8Array): void;
	/** The input ended: delivers a last line that had no LF. */
	end(): void;
}

/** The same bytes as a Buffer (for `indexOf` and `toString`), without copying. */
function asBuffer(bytes: Uint8Array): Buffer {
	return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A line splitter for one input (a file, or standard input). A UTF-8 BOM at the very start is dropped.
 * @param maxLineChars lines longer than this (in UTF-16 units) may be dropped before they are whole
 *   (`onTooLong`); shorter ones never are. A UTF-8 character is at most 3 bytes per UTF-16 unit, so
 *   only a line over 3x this many bytes is dropped here; the caller checks the exact length.
 */
export function createLineFramer(handlers: LineHandlers, maxLineChars: number): LineFramer {
	return new Framer(handlers, maxLineChars);
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The framer's state and steps; `push` is per chunk on replay's hot path. */
class Framer implements LineFramer {
	readonly #handlers: LineHandlers;
	readonly #maxBytes: number;
	readonly #safeBytes = new SafeBytes();
	#pending: Buffer[] = [];
	#pendingBytes = 0;
	#skipping = false;
	/** Until 3 bytes have been seen: a leading BOM is dropped. */
	#head: Buffer | null = Buffer.alloc(0);

	constructor(handlers: LineHandlers, maxLineChars: number) {
		this.#handlers = handlers;
		this.#maxBytes = 3 * Math.max(0, maxLineChars) + 3;
	}

	push(bytes: Uint8Array): void {
		let buf = asBuffer(bytes);
		if (this.#head !== null) {
			const head = this.#head;
			buf = head.length === 0 ? buf : Buffer.concat([head, buf]);
			if (buf.length < 3 && buf.equals(BOM.subarray(0, buf.length))) {
				this.#head = Buffer.from(buf);
				return;
			}
			this.#head = null;
			if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
		}
		if (buf.length > 0) this.#lines(buf);
	}

	end(): void {
		const head = this.#head;
		if (head !== null && head.length > 0) {
			// Fewer than 3 bytes in all, the start of a BOM: content after all.
			this.#head = null;
			this.#lines(head);
		}
		if (!this.#skipping && this.#pendingBytes > 0) {
			const line = Buffer.concat(this.#pending).toString("utf8");
			this.#handlers.onLine(line, false);
		}
		this.#pending = [];
		this.#pendingBytes = 0;
		this.#skipping = false;
		this.#head = Buffer.alloc(0);
	}

	#keep(buf: Buffer, start: number, end: number): void {
		if (this.#skipping || start === end) return;
		this.#pendingBytes += end - start;
		if (this.#pendingBytes > this.#maxBytes) {
			this.#skipping = true;
			this.#pending = [];
			this.#pendingBytes = 0;
			this.#handlers.onTooLong();
			return;
		}
		// A copy: the reader may reuse its buffer, and a slice would pin the whole chunk.
		this.#pending.push(Buffer.from(buf.subarray(start, end)));
	}

	/** The pending line ends with `buf[0..end)`. */
	#finishPending(buf: Buffer, end: number): void {
		if (this.#skipping) {
			this.#skipping = false;
			return;
		}
		this.#pending.push(buf.subarray(0, end));
		const line = Buffer.concat(this.#pending).toString("utf8");
		this.#pending = [];
		this.#pendingBytes = 0;
		this.#handlers.onLine(line, false);
	}

	#lines(buf: Buffer): void {
		const end = buf.length;
		let pos = 0;
		if (this.#pendingBytes > 0 || this.#skipping) {
			const stop = buf.indexOf(LF);
			if (stop === -1) {
				this.#keep(buf, 0, end);
				return;
			}
			this.#finishPending(buf, stop);
			pos = stop + 1;
		}
		const safeBytes = this.#safeBytes;
		const handlers = this.#handlers;
		safeBytes.reset(buf);
		while (pos < end) {
			const stop = buf.indexOf(LF, pos);
			if (stop === -1) {
				this.#keep(buf, pos, end);
				return;
			}
			const textEnd = stop > pos && buf[stop - 1] === CR ? stop - 1 : stop;
			handlers.onLine(buf.toString("utf8", pos, stop), safeBytes.isSafe(pos, textEnd));
			pos = stop + 1;
		}
	}
}
