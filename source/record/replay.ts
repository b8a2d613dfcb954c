/**
 * `bctail replay <file ...>`: reads recorded NDJSON (what `--save` writes, and what
 * `catalyst logs tail --format json` prints) and hands each event to a callback, streaming: memory stays
 * bounded by one chunk plus one line, whatever the file size.
 *
 * Lines are split by hand on the raw bytes (`createLineFramer`: faster than readline or decoding whole
 * chunks, and the byte count for progress comes free). Blank lines are ignored; a line that is not an
 * event (bad JSON, wrong shape, a torn last line of a killed recording, a line longer than the cap) is
 * counted in `bad` and skipped.
 */
import { createReadStream } from "node:fs";
import { addAbortSignal, type Readable } from "node:stream";
import { parseEvent } from "../model/normalize.js";
import type { TailEvent } from "../model/types.js";
import { createLineFramer } from "../stream/line-framer.js";
import { parseProjectLine } from "./recorder.js";

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
	/**
	 * Backpressure: called after each chunk's events were handed over; while it returns a promise,
	 * reading waits for it (a slow stdout stops the file being read instead of piling text up).
	 */
	holdOff?(): Promise<void> | null;
	/** A project-name line of a `--save` recording (see `recorder.ts`); such lines are not events. */
	onProject?(uuid: string, name: string): void;
	/**
	 * Masks the configured access token in each line before it is parsed (`stream/token-mask.ts`): a
	 * recording made elsewhere, or by another tool, may hold it.
	 */
	mask?(line: string): string;
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
	const run: ReplayRun = {
		onEvent,
		options,
		interval: options.progressIntervalMs ?? 200,
		maxLine: options.maxLineChars ?? 16 * 1024 * 1024,
		events: 0,
		bad: 0,
		bytes: 0,
		lastProgress: Number.NEGATIVE_INFINITY,
	};
	for (const path of paths) {
		if (options.signal?.aborted) break;
		await replayFile(run, path);
	}
	options.onProgress?.(run.bytes, run.events);
	return { events: run.events, bad: run.bad };
}

/** One replay's settings and tallies, shared by its files. */
interface ReplayRun {
	readonly onEvent: (event: TailEvent) => void;
	readonly options: ReplayOptions;
	readonly interval: number;
	readonly maxLine: number;
	events: number;
	bad: number;
	bytes: number;
	lastProgress: number;
}

/** Reads one file (or standard input for "-") to its end, or until the signal aborts. */
async function replayFile(run: ReplayRun, path: string): Promise<void> {
	const { options } = run;
	const signal = options.signal;
	const stream: Readable =
		path === "-" ? (options.stdin ?? process.stdin) : createReadStream(path, { highWaterMark: CHUNK_BYTES });
	if (signal !== undefined) addAbortSignal(signal, stream);
	// Lines are split on the raw bytes (see line-framer.ts); `now` is the read time of their chunk.
	let now = Date.now();
	const lines = createLineFramer(
		{
			onLine: (line, safe) => {
				// onEvent may abort (a closed stdout): not one more event after that.
				if (!signal?.aborted) handleLine(run, line, now, safe);
			},
			onTooLong: () => {
				run.bad++;
			},
		},
		run.maxLine,
	);
	try {
		for await (const chunk of stream) {
			const buffer = chunk as Buffer;
			run.bytes += buffer.length;
			now = Date.now();
			lines.push(buffer);
			if (signal?.aborted) return;
			const hold = options.holdOff?.();
			if (hold) await hold;
			if (signal?.aborted) return;
			if (options.onProgress && now - run.lastProgress >= run.interval) {
				run.lastProgress = now;
				options.onProgress(run.bytes, run.events);
			}
		}
	} catch (error) {
		if (signal?.aborted) return;
		throw error;
	}
	if (signal?.aborted) return;
	// The last line of a file may lack its newline: whole (accepted) or torn (bad).
	now = Date.now();
	lines.end();
}

/** One line of a recording: blank (ignored), a project-name line, an event, or bad. */
function handleLine(run: ReplayRun, line: string, receivedAt: number, safe: boolean): void {
	let end = line.length;
	if (end > 0 && line.charCodeAt(end - 1) === 13) end--; // CRLF files
	let start = 0;
	while (start < end && (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9)) start++;
	if (start === end) return;
	if (end - start > run.maxLine) {
		run.bad++;
		return;
	}
	const text = start === 0 && end === line.length ? line : line.slice(start, end);
	const project = parseProjectLine(text);
	if (project !== null) {
		run.options.onProject?.(project.uuid, project.name);
		return;
	}
	const mask = run.options.mask;
	const result = parseEvent(mask === undefined ? text : mask(text), UNKNOWN_PROJECT, receivedAt, safe);
	if (result.ok) {
		run.events++;
		run.onEvent(result.event);
	} else {
		run.bad++;
	}
}
