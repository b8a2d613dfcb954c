/**
 * The identity that merges the live tail with history. History entries carry no event uuid, so an
 * entry is known by what it says: `[timeMs ?? "-", kind, level, method, url, status, text]` joined by
 * U+0000 (the shared contract). A live event gives one fingerprint per entry it flattens into (its
 * request row, each log, each exception), so a live event and its history entries give the same
 * multiset of fingerprints.
 *
 * Text is compared sanitized on both sides; U+0000 cannot occur in sanitized text, so the joined
 * fields cannot run into each other.
 */
import { createHash } from "node:crypto";
import type { EntryKind, HistoryEntry } from "./history-entry.js";
import type { RequestInfo, TailEvent } from "./types.js";

const separator = "\u0000";

/**
 * Past this many characters a field is kept as its length and a digest: the ledger remembers every
 * fingerprint for its horizon, and a fingerprint holding a 256 KB message (or a 2 KB URL) whole
 * would cost the scrollback's memory a second time.
 */
const maxFieldChars = 256;

/** `text` itself when short, else its start, its length and a SHA-1 of the whole (same on both sides). */
function compact(text: string): string {
	if (text.length <= maxFieldChars) return text;
	const digest = createHash("sha1").update(text).digest("base64");
	// join() makes a flat string: a slice would keep the whole text alive behind it.
	return [text.slice(0, 64), "…", String(text.length), ":", digest].join("");
}

function fingerprintOf(
	time: number | null,
	kind: EntryKind,
	level: string,
	request: RequestInfo | null,
	text: string,
): string {
	return [
		time ?? "-",
		kind,
		level,
		request?.method ?? "",
		compact(request?.url ?? ""),
		request?.status ?? 0,
		compact(text),
	].join(separator);
}

/** The fingerprint of one history entry (see the module comment). */
export function entryFingerprint(entry: HistoryEntry): string {
	return fingerprintOf(entry.time, entry.kind, entry.level, entry.request, entry.text);
}

/**
 * The fingerprints of the entries a live event flattens into, in flattening order: the request row
 * (when the event has a request), each log, then each exception (`<name>: <message>`, level error).
 */
export function eventFingerprints(event: TailEvent): string[] {
	const request = event.request;
	const out: string[] = [];
	if (request !== null) {
		const time = event.timeMissing ? null : event.time;
		out.push(fingerprintOf(time, "request", "info", request, `${request.method} ${request.url}`));
	}
	for (const log of event.logs) out.push(fingerprintOf(log.time, "log", log.level, request, log.text));
	for (const exception of event.exceptions) {
		const text = `${exception.name}: ${exception.message}`;
		out.push(fingerprintOf(exception.time, "exception", "error", request, text));
	}
	return out;
}
