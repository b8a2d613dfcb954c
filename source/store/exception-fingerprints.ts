/**
 * Every exception row's problem fingerprint, taken when the row is built (the store's compact copy of
 * an event derives its exceptions again from JSON on each read: ~70 µs an event, 400 ms for the 5,000
 * exceptions of 100k entries, where fingerprinting at arrival costs ~4 µs each). Held weakly by the
 * row, so an evicted row takes its fingerprint with it. Rows of one problem share one fingerprint object
 * (`interned`), so a row costs the map's slot, not its own copy of the masked text.
 */
import type { ExceptionRecord, TailEvent } from "../model/types.js";
import { type ProblemFingerprint, problemFingerprint } from "./problem-fingerprint.js";
import type { Entry } from "./types.js";

const byEntry = new WeakMap<Entry, ProblemFingerprint>();

/** Fingerprints seen lately by key; started again past `maxInterned` (distinct problems are few). */
const interned = new Map<string, ProblemFingerprint>();
const maxInterned = 4096;

function intern(fingerprint: ProblemFingerprint): ProblemFingerprint {
	const known = interned.get(fingerprint.key);
	if (known !== undefined) return known;
	if (interned.size >= maxInterned) interned.clear();
	interned.set(fingerprint.key, fingerprint);
	return fingerprint;
}

/** Fingerprints an exception row from the event it was built from (still holding its records). */
export function noteException(entry: Entry, event: TailEvent): void {
	const record = event.exceptions[entry.index];
	if (record !== undefined) byEntry.set(entry, intern(problemFingerprint(record)));
}

/** The row's fingerprint; one not noted at arrival is derived (and kept) now. */
export function exceptionFingerprint(entry: Entry): ProblemFingerprint | undefined {
	const known = byEntry.get(entry);
	if (known !== undefined) return known;
	const record: ExceptionRecord | undefined = entry.event?.exceptions[entry.index];
	if (record === undefined) return undefined;
	const fingerprint = intern(problemFingerprint(record));
	byEntry.set(entry, fingerprint);
	return fingerprint;
}
