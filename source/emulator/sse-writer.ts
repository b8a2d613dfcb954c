/**
 * Builds the bytes of the Tail Worker Logs stream: event frames and keep-alives in each of the
 * framings and line endings real servers (and proxies) use.
 */

/** How frames are written on the wire. */
export interface FrameStyle {
	/** `data:` only, or `event: message` + `data:`. */
	readonly framing: "data" | "message";
	readonly lineEnding: "\n" | "\r\n" | "\r";
	/** Keep-alive as a comment line, or an empty `data:` event. */
	readonly keepAliveStyle: "comment" | "empty-data";
}

export const defaultFrameStyle: FrameStyle = {
	framing: "message",
	lineEnding: "\n",
	keepAliveStyle: "comment",
};

/**
 * One event frame around `data`. A `data` string with line breaks becomes several `data:` lines, as
 * the SSE standard requires (a client joins them back with "\n").
 */
export function formatEventFrame(data: string, style: FrameStyle = defaultFrameStyle): string {
	const eol = style.lineEnding;
	const lines = data.split(/\r\n|\r|\n/);
	let frame = style.framing === "message" ? `event: message${eol}` : "";
	for (const line of lines) frame += `data: ${line}${eol}`;
	return frame + eol;
}

/** One keep-alive in the chosen style. */
export function formatKeepAlive(style: FrameStyle = defaultFrameStyle): string {
	const eol = style.lineEnding;
	if (style.keepAliveStyle === "comment") return `: keep-alive${eol}${eol}`;
	return style.framing === "message" ? `event: message${eol}data:${eol}${eol}` : `data:${eol}${eol}`;
}
