/**
 * Turns events into display rows (`Entry`). A pane keeps up to 20,000 entries (100k in benches), so an
 * entry is one small object of fixed shape: scalar fields, a shared reference to its event, and a text
 * that is usually the very string the event already holds (no copy). No closures, no arrays per entry.
 */
import { oneLine, sanitizeOneLine } from "../model/sanitize.js";
import type { Gap, TailEvent } from "../model/types.js";
import type { Entry, EntryKind } from "./types.js";

/**
 * Every entry is built here, with the same keys in the same order, so all entries share one hidden
 * class (compact in-object fields, monomorphic access in the window and search loops). `gap` is always
 * present (undefined when not a gap) for the same reason.
 */
function makeEntry(
	seq: number,
	kind: EntryKind,
	event: TailEvent | null,
	index: number,
	time: number,
	level: string,
	text: string,
	gap: Gap | undefined,
): Entry {
	return { seq, kind, event, index, time, level, text, gap };
}

/**
 * A row's text is at most this many characters (a terminal row shows a few hundred): a 5 MB message
 * is kept whole only once, in the event's JSON, for the detail view and copy.
 */
export const MAX_ROW_TEXT = 8192;

/** Memory an entry costs beyond its strings (the entry object, its slot, indexes): measured ~250 B. */
export const ENTRY_OVERHEAD_BYTES = 256;

/** `text` for a row: one line, cut at `MAX_ROW_TEXT` into a string of its own. */
function rowText(text: string): string {
	if (text.length <= MAX_ROW_TEXT) return oneLine(text);
	// join() copies: a slice alone would keep the whole huge string alive behind it.
	return oneLine([text.slice(0, MAX_ROW_TEXT - 1), "…"].join(""));
}

/**
 * What an entry costs in memory, roughly: the overhead, its text, and (charged to the first row of
 * its event only) the event's stored JSON. The same entry always weighs the same, so what is added
 * when it arrives is exactly what is taken away when it goes.
 */
export function entryBytes(entry: Entry): number {
	const first = entry.kind === "request" || (entry.kind === "log" && entry.index === 0);
	const json = first && entry.event !== null ? entry.event.json.length : 0;
	return ENTRY_OVERHEAD_BYTES + 2 * entry.text.length + json;
}

/**
 * `Name: message` on one line; just the one that is present when the other is empty. join() builds a
 * flat string: a `+` or template literal result would stay a rope (about twice the memory) for as
 * long as the entry lives.
 */
function exceptionText(name: string, message: string): string {
	if (name === "") return rowText(message);
	if (message === "") return rowText(name);
	return rowText([name, message].join(": "));
}

/**
 * Emits the rows of one event, in display order: a `request` row when the event logged nothing (so
 * every event is visible), then one `log` row per log, then one `exception` row per exception.
 * @param event a normalized event (its strings are already sanitized)
 * @param firstSeq the `seq` of the first row; the rest follow consecutively
 * @param emit receives each row
 * @param stored the event the rows refer to (default `event`): the store's own compact copy of it
 * @returns the `seq` after the last row emitted
 */
export function emitEventEntries(
	event: TailEvent,
	firstSeq: number,
	emit: (entry: Entry) => void,
	stored: TailEvent = event,
): number {
	let seq = firstSeq;
	const logs = event.logs;
	if (logs.length === 0) emit(makeEntry(seq++, "request", stored, -1, event.time, "", "", undefined));
	for (let i = 0; i < logs.length; i++) {
		const log = logs[i];
		if (log === undefined) continue;
		emit(makeEntry(seq++, "log", stored, i, log.time ?? event.time, log.level, rowText(log.text), undefined));
	}
	const exceptions = event.exceptions;
	for (let i = 0; i < exceptions.length; i++) {
		const exception = exceptions[i];
		if (exception === undefined) continue;
		const text = exceptionText(exception.name, exception.message);
		emit(makeEntry(seq++, "exception", stored, i, exception.time ?? event.time, "error", text, undefined));
	}
	return seq;
}

/** How many rows `emitEventEntries` makes for this event. */
export function entryCount(event: TailEvent): number {
	return (event.logs.length === 0 ? 1 : event.logs.length) + event.exceptions.length;
}

/** `disconnected 12.4 s: 503`: how long a real outage lasted and why. */
export function gapText(gap: Gap): string {
	const seconds = Math.max(0, gap.end - gap.start) / 1000;
	// The cause comes from the stream client, but may quote a server's status text: treat as untrusted.
	const cause = sanitizeOneLine(gap.cause);
	return ["disconnected ", seconds.toFixed(1), " s", cause === "" ? "" : ": ", cause].join("");
}

/** A marker row for a real outage of a project's stream, placed when the stream is back. */
export function gapEntry(gap: Gap, seq: number): Entry {
	return makeEntry(seq, "gap", null, -1, gap.start, "", gapText(gap), gap);
}

/**
 * A marker row of the pane's own news: where live begins after a backfill, what filled a gap,
 * history being off. Drawn like a gap row; `text` is the store's (already safe) sentence.
 */
export function markEntry(text: string, time: number, seq: number): Entry {
	return makeEntry(seq, "gap", null, -1, time, "", rowText(sanitizeOneLine(text)), undefined);
}
