/**
 * `--save <file>`: appends every received event to a file as NDJSON (`event.json`, one line each, in
 * arrival order), so `bctail replay` (or any NDJSON tool) can read it later, and a line naming each
 * project whose name is known (`projectLine`), so replay shows names.
 *
 * Durability: lines are buffered and written at least once a second and on `close()`, each write a
 * whole number of lines, so a process killed at any moment leaves at most one torn last line (when the
 * OS wrote part of a buffer), which replay skips. Writes are serialized and append-only ('a').
 *
 * Failure (EACCES, ENOSPC, EROFS, ...): `onError` is called once with the reason and recording stops;
 * tailing goes on. The recorder only ever sees events, whose text the stream client has already masked
 * (a token echoed in event data reads `[token]`, see stream/token-mask.ts), so the token cannot leak here.
 */
import { close as closeFd, open, write as writeFd } from "node:fs";
import type { Clock, TimerHandle } from "../util/clock.js";

export interface RecorderOptions {
	/** Drives the flush timer. */
	readonly clock: Clock;
	/** Called once, with a one-line reason, when recording stops because of an error. */
	readonly onError: (message: string) => void;
	/** Longest time a line waits in the buffer (default 1000 ms). */
	readonly flushIntervalMs?: number;
	/** Buffered size (UTF-16 units) that triggers an early write (default 1 MiB). */
	readonly maxBufferChars?: number;
}

export interface Recorder {
	/**
	 * Queues one event's JSON line (`event.json`, taken by the caller as received, so nothing that later
	 * compacts the event can change what is recorded). Cheap; never throws; a no-op after an error or
	 * `close()`.
	 */
	write(json: string): void;
	/**
	 * Queues a project-name line (`projectLine`), so replay can show the name instead of a UUID. Written
	 * when a name becomes known, among the events, in order; replay takes the last one per project.
	 */
	writeProject(uuid: string, name: string): void;
	/** Writes what is buffered; resolves when it (and every earlier write) is on disk or failed. */
	flush(): Promise<void>;
	/** Flushes and closes the file. Later writes are ignored. */
	close(): Promise<void>;
}

/** The key that marks a recording's project-name line (not an event: no tail event has this key). */
export const PROJECT_LINE_KEY = "bctail_project";

/**
 * A project-name line: `{"bctail_project":{"uuid":"…","name":"…"}}`. A line of its own rather than a
 * field added to events, so event lines stay byte for byte what the API sent (and what
 * `catalyst logs tail --format json` prints); recordings without it replay as before, with UUIDs.
 */
export function projectLine(uuid: string, name: string): string {
	return JSON.stringify({ [PROJECT_LINE_KEY]: { uuid, name } });
}

/** The uuid and name of a project-name line, or null when `line` is not one. */
export function parseProjectLine(line: string): { uuid: string; name: string } | null {
	if (!line.startsWith(`{"${PROJECT_LINE_KEY}"`)) return null;
	try {
		const value: unknown = JSON.parse(line);
		const project = (value as Record<string, unknown>)[PROJECT_LINE_KEY] as Record<string, unknown>;
		if (typeof project?.uuid === "string" && typeof project.name === "string")
			return { uuid: project.uuid, name: project.name };
	} catch {
		// Not JSON after all: the caller counts it as a bad line.
	}
	return null;
}

function openAppend(path: string): Promise<number> {
	return new Promise((resolve, reject) => {
		// 0o600: a recording holds production logs; others on the machine have no business reading them.
		open(path, "a", 0o600, (error, fd) => (error ? reject(error) : resolve(fd)));
	});
}

function writeAll(fd: number, data: Buffer): Promise<void> {
	return new Promise((resolve, reject) => {
		const step = (offset: number): void => {
			writeFd(fd, data, offset, data.length - offset, null, (error, written) => {
				if (error) reject(error);
				else if (offset + written < data.length) step(offset + written);
				else resolve();
			});
		};
		step(0);
	});
}

function reasonOf(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.replace(/\s+/g, " ");
}

/**
 * Starts recording to `path` (appending when it exists). The file is opened at once; an error opening
 * it is reported through `onError` like any other.
 * @param path the file to append to
 * @param options the clock for the flush timer and the error callback
 */
export function createRecorder(path: string, options: RecorderOptions): Recorder {
	const { clock, onError } = options;
	const interval = options.flushIntervalMs ?? 1000;
	const maxChars = options.maxBufferChars ?? 1 << 20;

	let pending: string[] = [];
	let pendingChars = 0;
	let timer: TimerHandle | null = null;
	let failed = false;
	let closed = false;
	const fd = openAppend(path);
	// Serializes writes: each one starts when the previous finished, so lines stay in arrival order.
	let chain: Promise<void> = fd.then(
		() => {},
		(error: unknown) => fail(error),
	);

	function fail(error: unknown): void {
		if (failed) return;
		failed = true;
		pending = [];
		pendingChars = 0;
		if (timer !== null) clock.clearTimeout(timer);
		timer = null;
		onError(reasonOf(error));
	}

	function flush(): Promise<void> {
		if (timer !== null) clock.clearTimeout(timer);
		timer = null;
		if (failed || pending.length === 0) return chain;
		pending.push("");
		const data = Buffer.from(pending.join("\n"), "utf8");
		pending = [];
		pendingChars = 0;
		chain = chain.then(async () => {
			if (failed) return;
			try {
				await writeAll(await fd, data);
			} catch (error) {
				fail(error);
			}
		});
		return chain;
	}

	const named = new Map<string, string>();

	return {
		writeProject(uuid, name) {
			// Once per name: a name listed again (picker, a second lookup) adds nothing.
			if (named.get(uuid) === name) return;
			named.set(uuid, name);
			this.write(projectLine(uuid, name));
		},
		write(json) {
			if (failed || closed) return;
			pending.push(json);
			pendingChars += json.length + 1;
			if (pendingChars >= maxChars) {
				void flush();
			} else if (timer === null) {
				timer = clock.setTimeout(() => {
					timer = null;
					void flush();
				}, interval);
			}
		},
		flush,
		async close() {
			if (closed) return chain;
			closed = true;
			await flush();
			const handle = await fd.catch(() => null);
			if (handle !== null) await new Promise<void>((resolve) => closeFd(handle, () => resolve()));
		},
	};
}
