/**
 * The projects listing (`GET /infrastructure/projects`), used to pick projects by name. Follows the
 * cursor pagination to the end. Names and hostnames go to the terminal, so they are sanitized here.
 */

import { sanitizeOneLine } from "../model/sanitize.js";
import type { ProjectInfo } from "../model/types.js";
import { type Clock, systemClock } from "../util/clock.js";
import { ApiError } from "./api-errors.js";
import { apiUrl } from "./api-request.js";
import { getJson } from "./json-request.js";
import type { TailTarget } from "./tail-client.js";

export interface ListProjectsOptions {
	/** Only projects whose name contains this (the API's `name:like`). */
	readonly nameLike?: string;
	/** Cancels the listing (rejects with the signal's reason). */
	readonly signal?: AbortSignal;
	/** Per request: no complete answer within this long fails the listing (default 30,000 ms). */
	readonly timeoutMs?: number;
	/** Drives the waits after a 429 (default: the system clock). */
	readonly clock?: Clock;
	readonly userAgent?: string;
}

const pageSize = 50;
/** A listing never legitimately needs more; a server that loops its `next` links must not hang us. */
const maxPages = 1000;
/** 429s tolerated per page before giving up. */
const maxRateLimitRetries = 3;
/** Longest wait after a 429 while a user looks at a picker. */
const maxRateLimitWaitMs = 30_000;
/** A page of 50 projects is a few KiB; anything huge is not a page. */
const maxPageBytes = 8 * 1024 * 1024;

/**
 * Every project of the store (or those whose name contains `nameLike`), across all pages. Throws
 * `ApiError` (message: a sentence for the user, never containing the token).
 */
export async function listProjects(
	target: TailTarget,
	options: ListProjectsOptions = {},
): Promise<ProjectInfo[]> {
	const clock = options.clock ?? systemClock;
	// `name:like` is written as the API documents it (URLSearchParams would escape the colon).
	const like =
		options.nameLike !== undefined && options.nameLike !== ""
			? `&name:like=${encodeURIComponent(options.nameLike)}`
			: "";
	const first = new URL(apiUrl(target, "projects", `limit=${pageSize}${like}`));
	const projects = new Map<string, ProjectInfo>();
	const visited = new Set<string>();
	let url: URL | null = first;
	for (let page = 0; url !== null; page++) {
		if (page >= maxPages || visited.has(url.href)) {
			throw new ApiError("The projects listing does not end (its pages link in a loop).", {
				status: null,
				shortReason: "bad listing",
				fatal: true,
			});
		}
		visited.add(url.href);
		const body = await getJson(url, target, {
			endpoint: { kind: "projects", storeHash: target.storeHash },
			what: "The projects listing",
			clock,
			signal: options.signal,
			timeoutMs: options.timeoutMs ?? 30_000,
			maxBytes: maxPageBytes,
			rateLimit: { retries: maxRateLimitRetries, maxWaitMs: maxRateLimitWaitMs },
			userAgent: options.userAgent,
		});
		for (const project of projectsOf(body)) {
			if (!projects.has(project.uuid)) projects.set(project.uuid, project);
		}
		url = nextPage(body, url, first.origin);
	}
	return [...projects.values()];
}

/** The projects of one page; entries without a usable uuid are left out. */
function projectsOf(body: unknown): ProjectInfo[] {
	const data = typeof body === "object" && body !== null ? (body as { data?: unknown }).data : undefined;
	if (!Array.isArray(data)) {
		throw new ApiError("The projects listing has an unexpected shape (no data array).", {
			status: 200,
			shortReason: "bad listing",
			fatal: false,
		});
	}
	const projects: ProjectInfo[] = [];
	for (const item of data) {
		if (typeof item !== "object" || item === null) continue;
		const {
			uuid,
			name,
			deployment_hostnames: hostnames,
		} = item as {
			uuid?: unknown;
			name?: unknown;
			deployment_hostnames?: unknown;
		};
		if (typeof uuid !== "string" || uuid === "") continue;
		const cleanUuid = sanitizeOneLine(uuid);
		projects.push({
			uuid: cleanUuid,
			name: typeof name === "string" && name !== "" ? sanitizeOneLine(name) : cleanUuid,
			hostnames: Array.isArray(hostnames)
				? hostnames.filter((host): host is string => typeof host === "string").map(sanitizeOneLine)
				: [],
		});
	}
	return projects;
}

/**
 * The URL of the next page from `meta.cursor_pagination.links.next` (a query string such as
 * `?limit=50&after=...`, a path, or a URL), or null on the last page. A link to another origin would
 * send the token there: refused.
 */
function nextPage(body: unknown, current: URL, origin: string): URL | null {
	const meta = (body as { meta?: { cursor_pagination?: { links?: { next?: unknown } } } }).meta;
	const next = meta?.cursor_pagination?.links?.next;
	if (typeof next !== "string" || next.trim() === "") return null;
	let url: URL;
	try {
		url = new URL(next.trim(), current);
	} catch {
		return null;
	}
	if (url.origin !== origin) {
		throw new ApiError(
			`The projects listing links to another server (${sanitizeOneLine(url.host)}): not followed.`,
			{
				status: null,
				shortReason: "bad listing",
				fatal: true,
			},
		);
	}
	return url;
}
