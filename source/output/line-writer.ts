/**
 * Line mode's writer over stdout. Texts written in one tick go out as one `write` (a busy tail
 * produces thousands of lines a second, and one syscall per line costs more than formatting them), or
 * at once when 64 KiB are waiting. While the stream is blocked (its `write` returned false) text
 * waits here. The writer never drops text: it tells the producer to stop (`write` returns false,
 * `needsDrain`) and when to go on (`drained()`), and says how much waits (`buffered`), so a producer
 * that cannot stop (a live stream) can decide, and count, what it gives up.
 *
 * A reader that goes away (`bctail | head`) makes the stream fail with EPIPE; that is the normal end of
 * a pipe, not an error: the writer calls `onClosed(null)` once and drops everything after. Any other
 * failure (ENOSPC on `> /dev/full`, EIO) is reported to `onClosed` with the error, so the caller can
 * say so and exit non-zero: output that could not be written must never look like a clean end.
 */

export interface LineWriterOptions {
	/**
	 * Called once when the output is gone: with null when the reader closed the pipe (EPIPE, ECONNRESET
	 * for a socket, or the stream was closed), with the error for any other write failure. Text written
	 * after it is dropped silently.
	 */
	readonly onClosed?: ((error: Error | null) => void) | undefined;
	/** Write out at once when this many characters are waiting; default 64 KiB. */
	readonly batchSize?: number | undefined;
}

export interface LineWriter {
	/**
	 * Queues `text` (whole lines, each ending in `\n`); it is always kept. Returns false when the
	 * producer should wait for `drained()` before writing more, like `Writable.write`.
	 */
	write(text: string): boolean;
	/** The stream is blocked: text now waits in memory until it drains. */
	readonly needsDrain: boolean;
	/** Characters waiting here (not yet handed to the stream). */
	readonly buffered: number;
	/** The output is gone (see `onClosed`). */
	readonly closed: boolean;
	/** Resolves when the stream accepts writes again (at once when it does, or when closed). */
	drained(): Promise<void>;
	/** Writes what waits and resolves when the stream has taken all of it (or is closed). Never rejects. */
	flush(): Promise<void>;
}

/**
 * Errors that only mean the reader is gone. The two stream codes only follow a close or an earlier
 * error, which was reported first.
 */
const closedCodes = new Set(["EPIPE", "ECONNRESET", "ERR_STREAM_DESTROYED", "ERR_STREAM_WRITE_AFTER_END"]);

/**
 * Creates a batching writer over `stream` (normally `process.stdout`). It listens for the stream's
 * `error` for the rest of the process, so a late EPIPE can never crash it.
 */
export function createLineWriter(stream: NodeJS.WritableStream, options: LineWriterOptions = {}): LineWriter {
	const batchSize = options.batchSize ?? 64 * 1024;
	const maxWrite = Math.max(batchSize * 16, 1 << 20);
	let pending: string[] = [];
	let pendingSize = 0;
	let scheduled = false;
	let blocked = false;
	let inFlight = 0;
	let closed = false;
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

	/**
	 * Takes the waiting texts as one string: all of them, or (after a long stall left a backlog) about
	 * `maxWrite` characters, so draining a backlog never builds one string as large as the backlog.
	 */
	const takeBatch = (): string => {
		if (pendingSize <= maxWrite) {
			const all = pending.length === 1 ? (pending[0] as string) : pending.join("");
			pending = [];
			pendingSize = 0;
			return all;
		}
		let size = 0;
		let count = 0;
		while (count < pending.length && (count === 0 || size + (pending[count] as string).length <= maxWrite)) {
			size += (pending[count] as string).length;
			count++;
		}
		const batch = pending.splice(0, count);
		pendingSize -= size;
		return batch.join("");
	};

	/** Hands one batch to the stream; false when it cannot take more now (blocked or closed). */
	const writeBatch = (): boolean => {
		const text = takeBatch();
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
			return false;
		}
		if (!ok && !closed) {
			blocked = true;
			stream.once("drain", onDrain);
		}
		return ok && !closed;
	};

	const writeOut = (): void => {
		while (!closed && !blocked && pendingSize > 0) {
			if (!writeBatch()) return;
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
		get buffered() {
			return pendingSize;
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
