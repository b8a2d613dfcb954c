/**
 * A window of history read oldest first, in batches, although the API pages newest first. The window
 * is cut into consecutive slices; each slice is read whole (newest first, through its cursors), turned
 * around and handed over, so output can stream from the oldest entry on while only one slice is ever
 * held in memory. Slices adapt to the traffic: a quiet week is a few requests, a busy minute is cut
 * finer. Slices touch at their edges (both ends of a window are inclusive), so an entry exactly on an
 * edge is kept by the later slice only: nothing is lost and nothing repeats at a seam.
 */

import type { HistoryClient, HistoryPageRequest } from "./history-client.js";

/** A run of entries, oldest first, and the instant up to which the window has now been read. */
export interface HistoryBatch {
	/** Raw entries as the API sent them, oldest first (entries without a time keep their place). */
	readonly entries: readonly unknown[];
	/** Every entry at or before this instant (ms) has been handed over. */
	readonly throughMs: number;
	/** Pages this batch took. */
	readonly pages: number;
}

export interface HistoryWalkOptions {
	/** The first slice (default 15 minutes): most windows asked for are recent and busy. */
	readonly firstSliceMs?: number;
	/** Aim for about this many pages per slice (default 4). */
	readonly targetPages?: number;
	/** A slice that needs more pages than this is abandoned and cut finer (default 40: 20,000 entries). */
	readonly maxSlicePages?: number;
	readonly signal?: AbortSignal | undefined;
	/** Told after each page, for a progress line. */
	readonly onPage?: ((entries: number) => void) | undefined;
}

/** The ms of an entry's `timestamp`, or null when it has none that parses. */
export function entryTimeMs(entry: unknown): number | null {
	if (typeof entry !== "object" || entry === null) return null;
	const timestamp = (entry as { timestamp?: unknown }).timestamp;
	if (typeof timestamp !== "string") return null;
	const ms = Date.parse(timestamp);
	return Number.isNaN(ms) ? null : ms;
}

const minSliceMs = 1000;

/**
 * Reads `[startMs, endMs]` (the `start`/`end` strings of `request` are sent as given for the window's
 * own edges) oldest first. Entries without a timestamp cannot be placed in a slice: the server may
 * return them with any slice, so each one is handed over once (counted by content), with the first slice it came in.
 */
export async function* walkHistory(
	client: HistoryClient,
	request: HistoryPageRequest,
	startMs: number,
	endMs: number,
	options: HistoryWalkOptions = {},
): AsyncGenerator<HistoryBatch, void, void> {
	const targetPages = options.targetPages ?? 4;
	const maxSlicePages = options.maxSlicePages ?? 40;
	const limit = request.limit ?? 500;
	let sliceMs = Math.max(minSliceMs, options.firstSliceMs ?? 15 * 60_000);
	let from = startMs;
	const timeless = new Map<string, number>();
	for (;;) {
		const to = Math.min(endMs, from + sliceMs);
		const last = to >= endMs;
		const slice: HistoryPageRequest = {
			...request,
			start: from === startMs ? request.start : new Date(from).toISOString(),
			end: last ? request.end : new Date(to).toISOString(),
			after: undefined,
			before: undefined,
		};
		const read = await readSlice(client, slice, maxSlicePages, options);
		if (read === null) {
			// Too dense to hold: cut finer and read the same stretch again.
			sliceMs = Math.max(minSliceMs, Math.floor(sliceMs / 4));
			if (sliceMs === minSliceMs && to - from <= minSliceMs) {
				// A single second with more than maxSlicePages pages: read it anyway, it is what was asked.
				const whole = await readSlice(client, slice, Number.POSITIVE_INFINITY, options);
				if (whole !== null) yield settle(whole, last, to, timeless);
				if (last) return;
				from = to;
			}
			continue;
		}
		yield settle(read, last, to, timeless);
		if (last) return;
		if (read.pages > targetPages * 2) sliceMs = Math.max(minSliceMs, Math.floor(sliceMs / 2));
		else if (read.pages <= 1 && read.entries.length < limit / 2) sliceMs *= 2;
		from = to;
	}
}

interface SliceRead {
	/** Newest first, as received. */
	readonly entries: unknown[];
	readonly pages: number;
}

async function readSlice(
	client: HistoryClient,
	request: HistoryPageRequest,
	maxPages: number,
	options: HistoryWalkOptions,
): Promise<SliceRead | null> {
	const entries: unknown[] = [];
	let pages = 0;
	for await (const page of client.pages(request, options.signal)) {
		pages += 1;
		for (const entry of page.entries) entries.push(entry);
		options.onPage?.(page.entries.length);
		if (pages >= maxPages && page.hasOlder) return null;
	}
	return { entries, pages };
}

/** Turns a slice around and drops what belongs to the next one (at or after `to`, unless last). */
function settle(read: SliceRead, last: boolean, to: number, timeless: Map<string, number>): HistoryBatch {
	const entries: unknown[] = [];
	// Timeless entries count by content: a slice hands over as many of one as no slice did before.
	const inSlice = new Map<string, number>();
	for (let index = read.entries.length - 1; index >= 0; index--) {
		const entry = read.entries[index];
		const ms = entryTimeMs(entry);
		if (ms === null) {
			const key = JSON.stringify(entry);
			const seen = (inSlice.get(key) ?? 0) + 1;
			inSlice.set(key, seen);
			if (seen <= (timeless.get(key) ?? 0)) continue;
			timeless.set(key, seen);
		} else if (!last && ms >= to) continue;
		entries.push(entry);
	}
	return { entries, throughMs: last ? to : to - 1, pages: read.pages };
}
