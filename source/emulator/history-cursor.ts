/**
 * The opaque cursors of history pages: base64url of JSON holding a position in the log and a hash
 * of the window and filters they were issued for, so a cursor reused with another query is refused.
 */
import type { HistoryFilters } from "./history-query.js";
import { hashString } from "./prng.js";

/** A place in the newest-first order of a project's entries. */
export interface CursorPosition {
	readonly at: number;
	readonly seq: number;
}

/** The hash a cursor carries: of the window and the filters, not of the limit. */
export function queryHash(startMs: number, endMs: number, filters: HistoryFilters): string {
	const key = JSON.stringify([
		startMs,
		endMs,
		filters.entryType ?? null,
		filters.method ?? null,
		filters.statusCode ?? null,
		filters.urlLike ?? null,
		filters.levelMin ?? null,
	]);
	return hashString(key).toString(16);
}

export function encodeCursor(position: CursorPosition, hash: string): string {
	return Buffer.from(JSON.stringify({ position: [position.at, position.seq], query: hash })).toString(
		"base64url",
	);
}

/** The position a cursor holds, or null when it is not one of ours or was issued for another query. */
export function decodeCursor(cursor: string, hash: string): CursorPosition | null {
	try {
		const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
		if (typeof value !== "object" || value === null) return null;
		const { position, query } = value as { position?: unknown; query?: unknown };
		if (query !== hash || !Array.isArray(position) || position.length !== 2) return null;
		const [at, seq] = position as unknown[];
		if (typeof at !== "number" || typeof seq !== "number") return null;
		return { at, seq };
	} catch {
		return null;
	}
}
