/**
 * Line mode's writer over stdout. Texts written in one tick go out as one `write` (a busy tail
 * produces thousands of lines a second, and one syscall per line costs more than formatting them), or
 * at once when 64 KiB are waiting. While the stream is blocked (its `write` returned false) text
 * waits here, up to a cap past which new text is dropped and counted: memory stays bounded even when
 * the reader stalls for good. `needsDrain`/`drained()` let a producer pause instead.
 *
 * A reader that goes away (`bctail | head`) makes the stream fail with EPIPE; that is the normal end of
 * a pipe, not an error: the writer calls `onClosed` once and drops everything after.
 */

export interface LineWriterOptions {
	/**
	 * Called once when the output is gone: with null when the reader closed the pipe (EPIPE, or the
	 * stream was closed/destroyed), with the error for any other write failure. Text written after it is
	 * dropped silently.
	 */
	readonly onClosed?: ((error: Error | null) => void) | undefined;
	/** Write out at once when this many characters are waiting; default 64 KiB. */
	readonly batchSize?: number | undefined;
	/** While the stream is blocked, drop new text past this many waiting characters; default 8 MiB. */
	readonly maxBuffered?: number | undefined;
}

export interface LineWriter {
	/**
	 * Queues `text` (whole lines, each ending in `\n`). Returns false when the producer should wait for
	 * `drained()` before writing more, like `Writable.write`.
	 */
	write(text: string): boolean;
	/** The stream is blocked: text now waits in memory (and is dropped past `maxBuffered`). */
	readonly needsDrain: boolean;
	/** The output is gone (see `onClosed`). */
	readonly closed: boolean;
	/** Texts dropped because the stream stayed blocked with `maxBuffered` waiting. */
	readonly dropped: number;
	/** Resolves when the stream accepts writes again (at once when it does, or when closed). */
	drained(): Promise<void>;
	/** Writes what waits and resolves when the stream has taken all of it (or is closed). Never rejects. */
	flush(): Promise<void>;
}

/** Errors that only mean the reader is gone. */
const closedCodes = new Set(["EPIPE", "ERR_STREAM_DESTROYED", "ERR_STREAM_WRITE_AFTER_END", "ECONNRESET"]);

/**
 * Creates a batching writer over `stream` (normally `process.stdout`). It listens for the stream's
 * `error` for the rest of the process, so a late EPIPE can never crash it.
 */
export function createLineWriter(stream: NodeJS.WritableStream, options: LineWriterOptions = {}): LineWriter {
	const batchSize = options.batchSize ?? 64 * 1024;
	const maxBuffered = Math.max(options.maxBuffered ?? 8 * 1024 * 1024, batchSize);
	let pending: string[] = [];
	let pendingSize = 0;
	let scheduled = false;
	let blocked = false;
	let inFlight = 0;
	let closed = false;
	let dropped = 0;
	let flushWaiters: (() => void)[] = [];
	let drainWaiters: (() => void)[] = [];

	const resolveAll = (waiters: (() => void)[]): void => {
		for (const resolve of waiters) resolve();
	};

	const settle = (): void => {
		if (closed || (pendingSize === 0 && inFlight === 0)) {
			const waiters = flushWaiters;
			flushWaiters = [];
			resolveAll(waiters);
		}
		if (closed || !blocked) {
			const waiters = drainWaiters;
			drainWaiters = [];
			resolveAll(waiters);
		}
	};

	const close = (error: Error | null): void => {
		if (closed) return;
		closed = true;
		pending = [];
		pendingSize = 0;
		const code = (error as NodeJS.ErrnoException | null)?.code;
		options.onClosed?.(error === null || (code !== undefined && closedCodes.has(code)) ? null : error);
		settle();
	};

	const onDrain = (): void => {
		blocked = false;
		writeOut();
		settle();
	};

	const writeOut = (): void => {
		if (closed || blocked || pendingSize === 0) return;
		const text = pending.length === 1 ? (pending[0] as string) : pending.join("");
		pending = [];
		pendingSize = 0;
		inFlight++;
		let ok: boolean;
		try {
			ok = stream.write(text, (error?: Error | null) => {
				inFlight--;
				if (error) close(error);
				settle();
			});
		} catch (error) {
			// A stream already destroyed may throw instead of reporting through the callback.
			inFlight--;
			close(error instanceof Error ? error : new Error(String(error)));
			return;
		}
		if (!ok && !closed) {
			blocked = true;
			stream.once("drain", onDrain);
		}
	};

	const tick = (): void => {
		scheduled = false;
		writeOut();
	};

	stream.on("error", (error: Error) => close(error));
	stream.on("close", () => close(null));

	return {
		write(text) {
			if (closed || text === "") return true;
			// A single text larger than the cap is still taken when nothing waits, or it could never print.
			if (pendingSize > 0 && pendingSize + text.length > maxBuffered) {
				dropped++;
				return false;
			}
			pending.push(text);
			pendingSize += text.length;
			if (blocked) return false;
			if (pendingSize >= batchSize) writeOut();
			else if (!scheduled) {
				scheduled = true;
				setImmediate(tick);
			}
			return !blocked;
		},
		get needsDrain() {
			return blocked && !closed;
		},
		get closed() {
			return closed;
		},
		get dropped() {
			return dropped;
		},
		drained() {
			return new Promise<void>((resolve) => {
				drainWaiters.push(resolve);
				settle();
			});
		},
		flush() {
			writeOut();
			return new Promise<void>((resolve) => {
				flushWaiters.push(resolve);
				settle();
			});
		},
	};
}
