/**
 * `bctail replay <file ...>`: reads recorded NDJSON (what `--save` writes, and what
 * `catalyst logs tail --format json` prints) and hands each event to a callback, streaming: memory stays
 * bounded by one chunk plus one line, whatever the file size.
 *
 * Lines are split by hand on raw chunks decoded with a StringDecoder (faster than readline, and the byte
 * count for progress comes free). Blank lines are ignored; a line that is not an event (bad JSON, wrong
 * shape, a torn last line of a killed recording, a line longer than the cap) is counted in `bad` and
 * skipped.
 */
import { createReadStream } from "node:fs";
import { addAbortSignal, type Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { parseEvent } from "../model/normalize.js";
import type { TailEvent } from "../model/types.js";

/** The project of an event whose line has no `project_uuid`. */
export const UNKNOWN_PROJECT = "unknown";

export interface ReplayOptions {
	/** Progress: bytes read and events loaded so far; at most every `progressIntervalMs`, and at the end. */
	onProgress?(bytes: number, events: number): void;
	/** Stops reading; the promise then resolves with what was loaded so far. */
	signal?: AbortSignal;
	/** Default 200 ms. */
	progressIntervalMs?: number;
	/** Longest line accepted, in UTF-16 units (default 16 Mi); longer lines count as bad. */
	maxLineChars?: number;
	/** Stands in for standard input when a path is "-" (tests). */
	stdin?: Readable;
}

export interface ReplayResult {
	readonly events: number;
	readonly bad: number;
}

const CHUNK_BYTES = 256 * 1024;

/**
 * Replays recorded NDJSON files in order.
 * @param paths files to read, in order; "-" reads standard input
 * @param onEvent receives each event (its `receivedAt` is the time it was read)
 * @returns how many events were loaded and how many non-blank lines were skipped as bad
 * @throws when a file cannot be read (missing, unreadable); never for bad lines
 */
export async function replayFiles(
	paths: readonly string[],
	onEvent: (event: TailEvent) => void,
	options: ReplayOptions = {},
): Promise<ReplayResult> {
	const signal = options.signal;
	const interval = options.progressIntervalMs ?? 200;
	const maxLine = options.maxLineChars ?? 16 * 1024 * 1024;
	let events = 0;
	let bad = 0;
	let bytes = 0;
	let lastProgress = Number.NEGATIVE_INFINITY;

	const handleLine = (line: string, receivedAt: number): void => {
		let end = line.length;
		if (end > 0 && line.charCodeAt(end - 1) === 13) end--; // CRLF files
		let start = 0;
		while (start < end && (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9)) start++;
		if (start === end) return;
		if (end - start > maxLine) {
			bad++;
			return;
		}
		const text = start === 0 && end === line.length ? line : line.slice(start, end);
		const result = parseEvent(text, UNKNOWN_PROJECT, receivedAt);
		if (result.ok) {
			events++;
			onEvent(result.event);
		} else {
			bad++;
		}
	};

	for (const path of paths) {
		if (signal?.aborted) break;
		const stream: Readable =
			path === "-"
				? (options.stdin ?? process.stdin)
				: createReadStream(path, { highWaterMark: CHUNK_BYTES });
		if (signal !== undefined) addAbortSignal(signal, stream);
		const decoder = new StringDecoder("utf8");
		let carry = "";
		// Skipping the rest of an over-long line until its newline.
		let skipping = false;
		let first = true;
		try {
			for await (const chunk of stream) {
				const buffer = chunk as Buffer;
				bytes += buffer.length;
				let text = decoder.write(buffer);
				if (first && text.length > 0) {
					first = false;
					if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
				}
				const now = Date.now();
				let start = 0;
				for (;;) {
					// onEvent may abort (a closed stdout): not one more event after that.
					if (signal?.aborted) break;
					const newline = text.indexOf("\n", start);
					if (newline === -1) break;
					if (skipping) {
						skipping = false;
					} else if (carry !== "") {
						handleLine(carry + text.slice(start, newline), now);
						carry = "";
					} else {
						handleLine(text.slice(start, newline), now);
					}
					start = newline + 1;
				}
				if (signal?.aborted) break;
				if (!skipping && start < text.length) {
					// Copy what is carried (slice would pin the whole chunk) unless it is most of it anyway.
					carry = carry === "" ? text.slice(start) : carry + text.slice(start);
					if (carry.length > maxLine) {
						bad++;
						carry = "";
						skipping = true;
					}
				}
				if (options.onProgress && now - lastProgress >= interval) {
					lastProgress = now;
					options.onProgress(bytes, events);
				}
			}
		} catch (error) {
			if (signal?.aborted) break;
			throw error;
		}
		if (signal?.aborted) break;
		const rest = carry + decoder.end();
		// The last line of a file may lack its newline: whole (accepted) or torn (bad).
		if (!skipping && rest !== "") handleLine(rest, Date.now());
	}
	options.onProgress?.(bytes, events);
	return { events, bad };
}
