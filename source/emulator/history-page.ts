/**
 * Picks one page of a project's history for a validated query and builds the response body:
 * entries in the window that pass the filters, newest first, `limit` of them from the cursor's
 * position, and the cursor pagination meta in the emulator's configured form.
 */
import { type CursorPosition, encodeCursor } from "./history-cursor.js";
import { compareStored, type StoredEntry } from "./history-log.js";
import { type HistoryFilters, type HistoryQuery, levelRank } from "./history-query.js";
import type { HistoryPagination } from "./types.js";

/** Where the page starts from: the newest entries, or after/before a cursor's position. */
export type PageFrom =
	| { readonly kind: "newest" }
	| { readonly kind: "after" | "before"; readonly position: CursorPosition };

function passes(stored: StoredEntry, filters: HistoryFilters): boolean {
	const request = stored.entry.request;
	if (filters.entryType !== undefined && stored.kind !== filters.entryType) return false;
	if (filters.method !== undefined && String(request?.method ?? "").toUpperCase() !== filters.method)
		return false;
	if (filters.statusCode !== undefined && request?.status_code !== filters.statusCode) return false;
	if (filters.urlLike !== undefined) {
		if (typeof request?.url !== "string" || !request.url.includes(filters.urlLike)) return false;
	}
	if (filters.levelMin !== undefined && levelRank(stored.entry.level) < levelRank(filters.levelMin))
		return false;
	return true;
}

/** The matching entries, newest first. */
function matching(entries: readonly StoredEntry[], query: HistoryQuery): StoredEntry[] {
	const found: StoredEntry[] = [];
	for (let index = entries.length - 1; index >= 0; index--) {
		const stored = entries[index] as StoredEntry;
		if (stored.at > query.endMs) continue;
		if (stored.at < query.startMs) break;
		if (passes(stored, query.filters)) found.push(stored);
	}
	return found;
}

/** The [from, to) range of the newest-first `list` that the page covers. */
function pageRange(list: readonly StoredEntry[], from: PageFrom, limit: number): [number, number] {
	if (from.kind === "newest") return [0, Math.min(limit, list.length)];
	// Newest first: index i is older than the position when compareStored(list[i], position) < 0.
	let boundary = list.findIndex((stored) =>
		from.kind === "after"
			? compareStored(stored, from.position) < 0
			: compareStored(stored, from.position) <= 0,
	);
	if (boundary === -1) boundary = list.length;
	if (from.kind === "after") return [boundary, Math.min(boundary + limit, list.length)];
	return [Math.max(0, boundary - limit), boundary];
}

/** The response body of one history page. */
export function historyPage(
	entries: readonly StoredEntry[],
	query: HistoryQuery,
	from: PageFrom,
	options: { readonly hash: string; readonly pagination: HistoryPagination },
): string {
	const list = matching(entries, query);
	const [start, end] = pageRange(list, from, query.limit);
	const page = list.slice(start, end);
	const first = page[0];
	const last = page[page.length - 1];
	const startCursor = first ? encodeCursor(first, options.hash) : null;
	const endCursor = last ? encodeCursor(last, options.hash) : null;
	const hasNext = end < list.length && endCursor !== null;
	const hasPrev = start > 0 && startCursor !== null;
	const links: { next?: string; previous?: string } = {};
	if (hasNext) links.next = `?after=${endCursor}`;
	if (hasPrev) links.previous = `?before=${startCursor}`;
	const pagination: Record<string, unknown> = { start_cursor: startCursor, end_cursor: endCursor };
	if (options.pagination !== "links") {
		pagination.has_next_page = hasNext;
		pagination.has_prev_page = hasPrev;
	}
	if (options.pagination !== "flags") pagination.links = links;
	return JSON.stringify({
		data: page.map((stored) => stored.entry),
		meta: { cursor_pagination: pagination },
	});
}
