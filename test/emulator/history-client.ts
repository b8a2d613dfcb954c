/**
 * A small client of the emulator's history endpoint for tests: real fetch to loopback, the body
 * parsed, and a helper that walks every page of a query one way or the other.
 */
import type { Emulator, HistoryEntry } from "../../source/emulator/types.js";

export interface HistoryReply {
	readonly status: number;
	readonly headers: Headers;
	readonly body: HistoryBody;
}

/** The parsed body: a page, or a v3 error body. */
export interface HistoryBody {
	readonly data?: HistoryEntry[];
	readonly meta?: { readonly cursor_pagination: Pagination };
	readonly status?: number;
	readonly title?: string;
	readonly type?: string;
	readonly errors?: Record<string, string>;
}

export interface Pagination {
	readonly start_cursor: string | null;
	readonly end_cursor: string | null;
	readonly has_next_page?: boolean;
	readonly has_prev_page?: boolean;
	readonly links?: { readonly next?: string; readonly previous?: string };
}

export interface HistoryRequestOptions {
	readonly token?: string | null;
	readonly storeHash?: string;
	readonly uuidSegment?: string;
}

export function historyUrl(emulator: Emulator, projectUuid: string, storeHash = emulator.storeHash): string {
	return `${emulator.origin}/stores/${storeHash}/v3/infrastructure/logs/${projectUuid}`;
}

/** Sends one history request with `params` as the query string. */
export async function queryHistory(
	emulator: Emulator,
	projectUuid: string,
	params: Record<string, string | number>,
	options: HistoryRequestOptions = {},
): Promise<HistoryReply> {
	const headers: Record<string, string> = { Accept: "application/json" };
	const token = options.token === undefined ? emulator.token : options.token;
	if (token !== null) headers["X-Auth-Token"] = token;
	const query = new URLSearchParams(
		Object.entries(params).map(([key, value]): [string, string] => [key, String(value)]),
	);
	const response = await fetch(`${historyUrl(emulator, projectUuid, options.storeHash)}?${query}`, {
		headers,
	});
	return { status: response.status, headers: response.headers, body: (await response.json()) as HistoryBody };
}

/** A window from `startMs` to `endMs` as the endpoint takes it. */
export const windowOf = (startMs: number, endMs: number) => ({
	start: new Date(startMs).toISOString(),
	end: new Date(endMs).toISOString(),
});

/**
 * Every entry of a query, page by page: "older" follows `after=end_cursor` from the newest page,
 * "newer" follows `before=start_cursor` from `from` (a cursor of the oldest page). Pages are listed
 * as they came, each newest first.
 */
export async function walkPages(
	emulator: Emulator,
	projectUuid: string,
	params: Record<string, string | number>,
	direction: "older" | "newer",
	from?: string,
): Promise<{ pages: HistoryEntry[][]; last: Pagination }> {
	const pages: HistoryEntry[][] = [];
	let cursor = from;
	for (;;) {
		const key = direction === "older" ? "after" : "before";
		const reply = await queryHistory(
			emulator,
			projectUuid,
			cursor === undefined ? params : { ...params, [key]: cursor },
		);
		if (reply.status !== 200)
			throw new Error(`page ${pages.length}: ${reply.status} ${JSON.stringify(reply.body)}`);
		const pagination = reply.body.meta!.cursor_pagination;
		pages.push(reply.body.data!);
		const more = direction === "older" ? pagination.has_next_page : pagination.has_prev_page;
		if (!more) return { pages, last: pagination };
		cursor = (direction === "older" ? pagination.end_cursor : pagination.start_cursor) ?? undefined;
		if (pages.length > 10_000) throw new Error("too many pages");
	}
}
