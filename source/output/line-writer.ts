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
	return new BatchingWriter(stream, options);
}

/** The writer's state and steps; `write` is per line on line mode's hot path, so it allocates nothing. */
class BatchingWriter implements LineWriter {
	readonly #stream: NodeJS.WritableStream;
	readonly #onClosed: ((error: Error | null) => void) | undefined;
	readonly #batchSize: number;
	readonly #maxWrite: number;
	#pending: string[] = [];
	#pendingSize = 0;
	#scheduled = false;
	#blocked = false;
	#inFlight = 0;
	#closed = false;
	#flushWaiters: (() => void)[] = [];
	#drainWaiters: (() => void)[] = [];

	constructor(stream: NodeJS.WritableStream, options: LineWriterOptions) {
		this.#stream = stream;
		this.#onClosed = options.onClosed;
		this.#batchSize = options.batchSize ?? 64 * 1024;
		this.#maxWrite = Math.max(this.#batchSize * 16, 1 << 20);
		stream.on("error", (error: Error) => this.#close(error));
		stream.on("close", () => this.#close(null));
	}

	write(text: string): boolean {
		if (this.#closed || text === "") return true;
		this.#pending.push(text);
		this.#pendingSize += text.length;
		if (this.#blocked) return false;
		if (this.#pendingSize >= this.#batchSize) this.#writeOut();
		else if (!this.#scheduled) {
			this.#scheduled = true;
			setImmediate(this.#tick);
		}
		return !this.#blocked;
	}

	get needsDrain(): boolean {
		return this.#blocked && !this.#closed;
	}

	get closed(): boolean {
		return this.#closed;
	}

	get buffered(): number {
		return this.#pendingSize;
	}

	drained(): Promise<void> {
		return new Promise<void>((resolve) => {
			this.#drainWaiters.push(resolve);
			this.#settle();
		});
	}

	flush(): Promise<void> {
		this.#writeOut();
		return new Promise<void>((resolve) => {
			this.#flushWaiters.push(resolve);
			this.#settle();
		});
	}

	/** Resolves the flush waiters once nothing waits, the drain waiters once not blocked (all when closed). */
	#settle(): void {
		if (this.#closed || (this.#pendingSize === 0 && this.#inFlight === 0)) {
			const waiters = this.#flushWaiters;
			this.#flushWaiters = [];
			resolveAll(waiters);
		}
		if (this.#closed || !this.#blocked) {
			const waiters = this.#drainWaiters;
			this.#drainWaiters = [];
			resolveAll(waiters);
		}
	}

	#close(error: Error | null): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#pending = [];
		this.#pendingSize = 0;
		const code = (error as NodeJS.ErrnoException | null)?.code;
		this.#onClosed?.(error === null || (code !== undefined && closedCodes.has(code)) ? null : error);
		this.#settle();
	}

	// Bound once: handed to `once("drain")` and `setImmediate` again and again.
	readonly #onDrain = (): void => {
		this.#blocked = false;
		this.#writeOut();
		this.#settle();
	};

	readonly #tick = (): void => {
		this.#scheduled = false;
		this.#writeOut();
	};

	/**
	 * Takes the waiting texts as one string: all of them, or (after a long stall left a backlog) about
	 * `maxWrite` characters, so draining a backlog never builds one string as large as the backlog.
	 */
	#takeBatch(): string {
		const pending = this.#pending;
		if (this.#pendingSize <= this.#maxWrite) {
			const all = pending.length === 1 ? (pending[0] as string) : pending.join("");
			this.#pending = [];
			this.#pendingSize = 0;
			return all;
		}
		let size = 0;
		let count = 0;
		while (
			count < pending.length &&
			(count === 0 || size + (pending[count] as string).length <= this.#maxWrite)
		) {
			size += (pending[count] as string).length;
			count++;
		}
		const batch = pending.splice(0, count);
		this.#pendingSize -= size;
		return batch.join("");
	}

	/** Hands one batch to the stream; false when it cannot take more now (blocked or closed). */
	#writeBatch(): boolean {
		const text = this.#takeBatch();
		this.#inFlight++;
		let ok: boolean;
		try {
			ok = this.#stream.write(text, (error?: Error | null) => {
				this.#inFlight--;
				if (error) this.#close(error);
				this.#settle();
			});
		} catch (error) {
			// A stream already destroyed may throw instead of reporting through the callback.
			this.#inFlight--;
			this.#close(error instanceof Error ? error : new Error(String(error)));
			return false;
		}
		if (!ok && !this.#closed) {
			this.#blocked = true;
			this.#stream.once("drain", this.#onDrain);
		}
		return ok && !this.#closed;
	}

	#writeOut(): void {
		while (!this.#closed && !this.#blocked && this.#pendingSize > 0) {
			if (!this.#writeBatch()) return;
		}
	}
}

function resolveAll(waiters: readonly (() => void)[]): void {
	for (const resolve of waiters) resolve();
}
