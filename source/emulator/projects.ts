/**
 * The emulator's projects: the demo set, and the cursor-paginated listing of
 * `GET /infrastructure/projects`.
 */
import type { ProjectInfo } from "../model/types.js";

/** The three demo projects used when none are given. Stable, so docs and scripts can name them. */
export const demoProjects: readonly ProjectInfo[] = [
	{
		uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1001",
		name: "catalyst-production",
		hostnames: ["shop.demo-store.example", "www.demo-store.example"],
	},
	{
		uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1002",
		name: "catalyst-preview",
		hostnames: ["preview.demo-store.example"],
	},
	{
		uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1003",
		name: "outlet-storefront",
		hostnames: ["outlet.demo-store.example"],
	},
];

export const defaultStoreHash = "demo1234";
/** The emulator's own token: not a user secret, fine to print. */
export const defaultToken = "demo-token-5f3c9a1e7b2d4c60a8e1";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `text` is a uuid as the API validates it (any version, case-insensitive). */
export function isUuid(text: string): boolean {
	return uuidPattern.test(text);
}

/** A listing request that could not be served. */
export class ListingError extends Error {
	constructor(readonly title: string) {
		super(title);
	}
}

const maxLimit = 250;
const defaultLimit = 50;

const encodeCursor = (index: number): string => Buffer.from(`p:${index}`).toString("base64url");

function decodeCursor(cursor: string): number {
	const text = Buffer.from(cursor, "base64url").toString("utf8");
	const match = /^p:(\d+)$/.exec(text);
	if (!match?.[1]) throw new ListingError("Invalid cursor");
	return Number(match[1]);
}

/** A stable creation date per project position, so listings are reproducible. */
function dates(index: number): { date_created: string; date_modified: string } {
	const created = Date.UTC(2025, 0, 6 + index * 9, 14, 3, 27);
	const modified = created + (index + 1) * 86_400_000 * 11 + 3_600_000;
	return { date_created: new Date(created).toISOString(), date_modified: new Date(modified).toISOString() };
}

/**
 * One page of the listing for a query string (`limit`, `after`, `before`, `name:like`), in the API's
 * shape. Throws `ListingError` for a query the API would answer with 400.
 */
export function listProjects(projects: readonly ProjectInfo[], query: URLSearchParams): unknown {
	const limitText = query.get("limit");
	const limit = limitText === null ? defaultLimit : Number(limitText);
	if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
		throw new ListingError(`limit must be an integer between 1 and ${maxLimit}`);
	}
	const like = query.get("name:like");
	const after = query.get("after");
	const before = query.get("before");
	// Cursors index the unfiltered list, so a cursor stays valid whatever the filter.
	const matching = projects
		.map((project, index) => ({ project, index }))
		.filter(({ project }) => like === null || project.name.toLowerCase().includes(like.toLowerCase()));
	let page: typeof matching;
	if (after !== null) {
		const from = decodeCursor(after);
		page = matching.filter(({ index }) => index > from).slice(0, limit);
	} else if (before !== null) {
		const to = decodeCursor(before);
		const earlier = matching.filter(({ index }) => index < to);
		page = earlier.slice(Math.max(0, earlier.length - limit));
	} else {
		page = matching.slice(0, limit);
	}
	const first = page[0];
	const last = page[page.length - 1];
	const hasNext = last !== undefined && matching.some(({ index }) => index > last.index);
	const hasPrevious = first !== undefined && matching.some(({ index }) => index < first.index);
	const link = (key: "after" | "before", index: number): string => {
		const params = new URLSearchParams({ limit: String(limit), [key]: encodeCursor(index) });
		if (like !== null) params.set("name:like", like);
		// URLSearchParams escapes ":" in the key; the API's links keep `name:like` readable.
		return `?${params.toString().replace("name%3Alike", "name:like")}`;
	};
	return {
		data: page.map(({ project, index }) => ({
			uuid: project.uuid,
			name: project.name,
			...dates(index),
			deployment_hostnames: [...project.hostnames],
		})),
		meta: {
			cursor_pagination: {
				count: page.length,
				per_page: limit,
				start_cursor: first ? encodeCursor(first.index) : null,
				end_cursor: last ? encodeCursor(last.index) : null,
				links: {
					previous: first && hasPrevious ? link("before", first.index) : null,
					next: last && hasNext ? link("after", last.index) : null,
				},
			},
		},
	};
}
