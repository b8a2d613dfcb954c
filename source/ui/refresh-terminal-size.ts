/**
 * Reads the terminal's size again. Node learns a new size only from SIGWINCH, which the kernel sends to
 * the terminal's foreground process group: a TUI stopped by Ctrl-Z is not in it, so a terminal resized
 * while it was suspended leaves `columns` and `rows` stale after `fg`, and the app would go on drawing
 * at the old width. Asking again on SIGCONT fixes that.
 */

/** A terminal stream as Node makes it: `_refreshSize` is its own SIGWINCH handler (query, then `resize`). */
interface RefreshableStream {
	readonly isTTY?: boolean;
	_refreshSize?: () => void;
	on(event: "error", listener: () => void): unknown;
	off(event: "error", listener: () => void): unknown;
}

const ignore = (): void => {};

/**
 * Queries the terminal behind `stream` for its size; when it changed, `columns` and `rows` are updated
 * and `resize` is emitted (what Ink and `useWindowSize` redraw on). Not a terminal, or a query that
 * fails (a hung-up terminal): nothing changes and nothing is thrown; Node would report the failure as
 * an `error` event, which is swallowed here rather than left to crash the app.
 * @param stream the app's stdout
 */
export function refreshTerminalSize(stream: NodeJS.WriteStream): void {
	const refreshable = stream as unknown as RefreshableStream;
	const refresh = refreshable._refreshSize;
	if (refreshable.isTTY !== true || typeof refresh !== "function") return;
	refreshable.on("error", ignore);
	try {
		refresh.call(refreshable);
	} catch {
		// The handle is gone (the terminal closed): keep the old size.
	} finally {
		refreshable.off("error", ignore);
	}
}
