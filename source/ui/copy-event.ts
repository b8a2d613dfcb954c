/**
 * `y`: puts an event's JSON on the clipboard (see clipboard.ts for the route) and says what was copied
 * and how: the command used, or OSC 52 with the caveat that the terminal must allow it, and a clipboard
 * command's failure when there was one.
 */
import { safeJsonStringify } from "../model/safe-json.js";
import type { Entry } from "../store/types.js";
import { type ClipboardHost, type CopyOutcome, copyToClipboard, currentHost } from "./clipboard.js";

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

/** The notice for a copy of `what` that went as `outcome` says. */
export function copyNotice(what: string, outcome: CopyOutcome): string {
	const failed = outcome.failures.map((failure) => `${failure.label} failed (${failure.reason}); `);
	return `${failed.join("")}copied ${what} (${outcome.via})`;
}

/**
 * Copies the event of `entry` (or says there is none). The notice comes when the copy is done (at once
 * for OSC 52, when the command exits otherwise).
 * @param write raw terminal output (for OSC 52)
 * @param notice a transient status-bar message
 * @param host what decides the route (this process's environment unless given)
 */
export function copyEvent(
	entry: Entry | null,
	write: (text: string) => void,
	notice: (text: string) => void,
	host: ClipboardHost = currentHost(),
): Promise<void> {
	if (!entry?.event) {
		notice("nothing to copy: no event here");
		return Promise.resolve();
	}
	// The stored JSON escapes non-Latin-1 text to stay compact; the clipboard gets it readable.
	const json = readableJson(entry.event.json);
	const what = `event ${entry.event.uuid.slice(0, 8)} as JSON, ${formatSize(Buffer.byteLength(json))}`;
	return copyToClipboard(json, write, host).then((outcome) => notice(copyNotice(what, outcome)));
}
