/**
 * What of a search the history endpoint can apply itself, for "search older history" in filter
 * mode: `status:500` → `status_code=500`, `level:>=warn` (or `level:error`) → `level:min`, `path:` and
 * `route:` → `url:like`, `method:POST` → `method`. A server filter is only ever a condition every
 * local match meets, so the server's page holds every entry the search would show and the search
 * (applied locally, as always) decides among them. Whatever has no such form (`status:5xx`, lists,
 * negations, `has:`, `project:`, the text) is left to the local search.
 */
import type { HistoryFilters, HistoryLevel } from "../stream/history-client.js";
import { type FieldFilter, levelRank, type ParsedQuery } from "./query.js";

/** The server-side part of a search, and its words for the status bar (`status_code=500 …`). */
export interface ServerFilters {
	readonly filters: HistoryFilters;
	/** `status_code=500`, `url:like=/checkout`, … in the order of the API's parameters. */
	readonly words: readonly string[];
}

/** `level:min`'s levels by the local severity ranks (trace and below have no floor to send). */
const floors: readonly (readonly [rank: number, level: HistoryLevel])[] = [
	[levelRank.error as number, "error"],
	[levelRank.warn as number, "warn"],
	[levelRank.info as number, "info"],
	[levelRank.debug as number, "debug"],
];

/** The highest `level:min` every level of `rank` or more meets, or undefined. */
function floorAt(rank: number): HistoryLevel | undefined {
	for (const [floor, level] of floors) if (rank >= floor) return level;
	return undefined;
}

/** The lowest severity a level token lets through, when it has one (`level:>=warn`, `level:error`). */
function levelFloor(filter: Extract<FieldFilter, { field: "level" }>): HistoryLevel | undefined {
	let lowest = Number.POSITIVE_INFINITY;
	for (const test of filter.any) {
		const rank = levelRank[test.level];
		if (rank === undefined) return undefined;
		if (test.op === "=" || test.cmp === ">=" || test.cmp === "=") lowest = Math.min(lowest, rank);
		else if (test.cmp === ">") lowest = Math.min(lowest, rank + 1);
		// `<` and `<=` have no floor.
		else return undefined;
	}
	return Number.isFinite(lowest) ? floorAt(lowest) : undefined;
}

/** One exact status, when the token is nothing else. */
function exactStatus(filter: Extract<FieldFilter, { field: "status" }>): number | undefined {
	const [only, ...rest] = filter.any;
	if (only === undefined || rest.length > 0) return undefined;
	return only.kind === "compare" && only.cmp === "=" ? only.status : undefined;
}

/** The server-side filters a parsed search maps to (the first token of each kind that has a form). */
export function serverFilters(parsed: ParsedQuery): ServerFilters {
	let statusCode: number | undefined;
	let levelMin: HistoryLevel | undefined;
	let urlLike: string | undefined;
	let method: string | undefined;
	for (const filter of parsed.filters) {
		if (filter.negate) continue;
		if (filter.field === "status") statusCode ??= exactStatus(filter);
		else if (filter.field === "level") levelMin ??= levelFloor(filter);
		else if ((filter.field === "path" || filter.field === "route") && filter.value !== "")
			urlLike ??= filter.value;
		else if (filter.field === "method" && filter.any.length === 1) method ??= filter.any[0]?.toUpperCase();
	}
	const words: string[] = [];
	if (method !== undefined) words.push(`method=${method}`);
	if (statusCode !== undefined) words.push(`status_code=${statusCode}`);
	if (urlLike !== undefined) words.push(`url:like=${urlLike}`);
	if (levelMin !== undefined) words.push(`level:min=${levelMin}`);
	return { filters: { method, statusCode, urlLike, levelMin }, words };
}
