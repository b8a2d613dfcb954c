/**
 * `y`: puts an event's JSON on the terminal's clipboard through OSC 52 (no output on screen; tmux needs
 * `set -g set-clipboard on`) and says what was copied.
 */
import { safeJsonStringify } from "../model/safe-json.js";
import type { Entry } from "../store/types.js";

function formatSize(bytes: number): string {
	return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The event's JSON with `\u` escapes of printable text undone (control characters stay escaped). */
function readableJson(json: string): string {
	try {
		return safeJsonStringify(JSON.parse(json));
	} catch {
		return json;
	}
}

/**
 * Copies the event of `entry` (or says there is none).
 * @param write raw terminal output
 * @param notice a transient status-bar message
 */
export function copyEvent(
	entry: Entry | null,
	write: (text: string) => void,
	notice: (text: string) => void,
): void {
	if (!entry?.event) {
		notice("nothing to copy: no event here");
		return;
	}
	// The stored JSON escapes non-Latin-1 text to stay compact; the clipboard gets it readable.
	const json = readableJson(entry.event.json);
	write(`\x1b]52;c;${Buffer.from(json, "utf8").toString("base64")}\x07`);
	notice(`copied event ${entry.event.uuid.slice(0, 8)} as JSON (${formatSize(Buffer.byteLength(json))})`);
}
