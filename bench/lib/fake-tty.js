/**
 * A fake terminal for Ink: a stdout that says it is a TTY of a given size and counts what it is sent,
 * and a stdin that says it is a raw-mode TTY and lets the harness type keys.
 */
import { PassThrough, Writable } from "node:stream";

/** Ink brackets frames with synchronized-output markers, written separately: they are not frames. */
const syncMarkers = new Set(["\u001b[?2026h", "\u001b[?2026l"]);

/**
 * @param {number} columns
 * @param {number} rows
 */
export function createFakeStdout(columns, rows) {
	const state = {
		bytes: 0,
		frames: 0,
		/** performance.now() of the last frame write */
		lastFrameAt: 0,
		/** Called with each frame's text (set by a probe; null when nobody looks). */
		/** @type {((text: string) => void) | null} */
		inspect: null,
	};
	const stream = new Writable({
		decodeStrings: false,
		write(chunk, _encoding, callback) {
			const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
			state.bytes += Buffer.byteLength(text);
			if (!syncMarkers.has(text) && text.length > 0) {
				state.frames++;
				state.lastFrameAt = performance.now();
				state.inspect?.(text);
			}
			callback();
		},
	});
	Object.assign(stream, { isTTY: true, columns, rows, getColorDepth: () => 8, hasColors: () => true });
	return { stream, state };
}

export function createFakeStdin() {
	const stream = new PassThrough();
	Object.assign(stream, {
		isTTY: true,
		setRawMode() {
			return stream;
		},
		ref() {
			return stream;
		},
		unref() {
			return stream;
		},
	});
	return stream;
}
