/**
 * Connection news and error sentences on stderr. stderr is a nicety next to the data on stdout: its
 * reader may go away first (`bctail 2>&1 | head`, a log pipe that closes), and an unhandled `'error'`
 * on it would end the process. So the stream's errors are always listened for, and once it has failed
 * further notices are dropped: losing stderr never stops stdout.
 */

export interface NoticeWriter {
	/** Writes one line (a newline is added). A quiet no-op once stderr has failed. */
	write(line: string): void;
	/** stderr failed (EPIPE, ENOSPC, ...): notices are being dropped. */
	readonly gone: boolean;
}

/**
 * Creates the notice writer over `stream` (normally `process.stderr`). It listens for the stream's
 * `error` for the rest of the process.
 */
export function createNoticeWriter(stream: NodeJS.WritableStream): NoticeWriter {
	let gone = false;
	const fail = (): void => {
		gone = true;
	};
	stream.on("error", fail);
	return {
		write(line) {
			if (gone) return;
			try {
				stream.write(`${line}\n`, (error?: Error | null) => {
					if (error) fail();
				});
			} catch {
				// A destroyed stream may throw instead of reporting through the callback.
				fail();
			}
		},
		get gone() {
			return gone;
		},
	};
}
