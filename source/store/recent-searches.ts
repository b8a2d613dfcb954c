/**
 * The recent searches the search input's ↑ / ↓ walk, as a pure list: most recent first, each query
 * once, at most `recentLimit`, never a query that holds the access token. The file they are kept in
 * between runs is `config/search-history-file.ts`; this module only decides what the list is.
 */

/** The recent searches the search input walks (kept in a file by `config/search-history-file.ts`). */
export interface RecentSearches {
	/** Most recent first. */
	list(): readonly string[];
	/** Puts an applied query in front (not stored when it holds the token). */
	add(query: string): void;
}

/** How many queries are kept. */
export const recentLimit = 100;

/**
 * The list with `query` in front (an earlier copy of it dropped), cut to `limit`. An empty query, or
 * one that contains `token` (a pasted token must never reach the disk), leaves the list as it is.
 * @param list most recent first
 * @param token the session's access token; "" when there is none
 */
export function addRecent(
	list: readonly string[],
	query: string,
	token: string,
	limit: number = recentLimit,
): readonly string[] {
	if (query.trim() === "" || holdsToken(query, token)) return list;
	if (list[0] === query) return list;
	return [query, ...list.filter((item) => item !== query)].slice(0, limit);
}

/** Whether `query` holds the token (an empty token is held by nothing). */
export function holdsToken(query: string, token: string): boolean {
	return token !== "" && query.includes(token);
}

/**
 * The list a file's text holds: one JSON string per line, most recent first. Anything else on a line
 * (a cut write, a hand edit) is skipped, so a damaged file loses only its damaged lines; duplicates,
 * token-bearing queries and the excess past `limit` are dropped as `addRecent` would.
 */
export function parseRecent(text: string, token: string, limit: number = recentLimit): readonly string[] {
	const out: string[] = [];
	const seen = new Set<string>();
	for (const line of text.split("\n")) {
		if (out.length >= limit) break;
		const query = parseLine(line);
		if (query === null || query.trim() === "" || seen.has(query) || holdsToken(query, token)) continue;
		seen.add(query);
		out.push(query);
	}
	return out;
}

function parseLine(line: string): string | null {
	if (line.trim() === "") return null;
	try {
		const value: unknown = JSON.parse(line);
		return typeof value === "string" ? value : null;
	} catch {
		return null;
	}
}

/** The file's text for a list (`parseRecent` reads it back). */
export function serializeRecent(list: readonly string[]): string {
	return list.map((query) => `${JSON.stringify(query)}\n`).join("");
}

/**
 * Where ↑ (`delta` 1, older) or ↓ (-1, newer) goes from `index` in a list of `length`: -1 is the
 * text typed before the walk began (the draft). Stays put at either end.
 */
export function stepRecent(index: number, delta: 1 | -1, length: number): number {
	return Math.max(-1, Math.min(length - 1, index + delta));
}
