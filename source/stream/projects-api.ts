/**
 * The projects listing (`GET /infrastructure/projects`), used to pick projects by name. Follows the
 * cursor pagination to the end. Names and hostnames go to the terminal, so they are sanitized here.
 */

import { sanitizeOneLine } from "../model/sanitize.js";
import type { ProjectInfo } from "../model/types.js";
import { type Clock, systemClock } from "../util/clock.js";
import { ApiError, describeHttpStatus, readErrorBody } from "./api-errors.js";
import { apiFetch, apiHeaders, apiUrl } from "./api-request.js";
import { describeNetworkError } from "./network-errors.js";
import { rateLimitDelay } from "./rate-limit.js";
import { redactSecret } from "./redact.js";
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
	const scrub = (text: string) => redactSecret(text, target.token);
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
		const body = await fetchPage(url, target, options, clock, scrub);
		for (const project of projectsOf(body)) {
			if (!projects.has(project.uuid)) projects.set(project.uuid, project);
		}
		url = nextPage(body, url, first.origin);
	}
	return [...projects.values()];
}

async function fetchPage(
	url: URL,
	target: TailTarget,
	options: ListProjectsOptions,
	clock: Clock,
	scrub: (text: string) => string,
): Promise<unknown> {
	const timeoutMs = options.timeoutMs ?? 30_000;
	for (let retry = 0; ; retry++) {
		options.signal?.throwIfAborted();
		const controller = new AbortController();
		let timedOut = false;
		const timer = clock.setTimeout(() => {
			timedOut = true;
			controller.abort();
		}, timeoutMs);
		const onAbort = () => controller.abort();
		options.signal?.addEventListener("abort", onAbort, { once: true });
		try {
			let response: Response;
			try {
				response = await apiFetch(
					url,
					apiHeaders(target, "application/json", options.userAgent),
					controller.signal,
				);
			} catch (error) {
				options.signal?.throwIfAborted();
				if (timedOut) throw timeoutError(url, timeoutMs);
				const described = describeNetworkError(error, url.host);
				throw new ApiError(scrub(described.reason), {
					status: null,
					shortReason: described.shortReason,
					fatal: false,
				});
			}
			const endpoint = { kind: "projects", storeHash: target.storeHash } as const;
			if (response.status === 429 && retry < maxRateLimitRetries) {
				response.body?.cancel().catch(() => {});
				const told = rateLimitDelay(response.headers, clock.now()) ?? 1000 * 2 ** retry;
				await wait(clock, Math.min(told, maxRateLimitWaitMs), options.signal);
				continue;
			}
			if (response.status !== 200) {
				const errorBody = response.status >= 400 ? await readErrorBody(response, controller.signal) : {};
				if (response.status < 400) response.body?.cancel().catch(() => {});
				const described = describeHttpStatus(response.status, endpoint, errorBody);
				throw new ApiError(scrub(described.reason), {
					status: response.status,
					shortReason: described.shortReason,
					fatal: described.fatal,
				});
			}
			const text = await readText(response, controller.signal).catch((error: unknown) => {
				options.signal?.throwIfAborted();
				if (timedOut) throw timeoutError(url, timeoutMs);
				const described = describeNetworkError(error, url.host);
				throw new ApiError(scrub(described.reason), {
					status: null,
					shortReason: described.shortReason,
					fatal: false,
				});
			});
			try {
				return JSON.parse(text) as unknown;
			} catch {
				throw new ApiError(`The projects listing from ${url.host} is not JSON.`, {
					status: 200,
					shortReason: "bad listing",
					fatal: false,
				});
			}
		} finally {
			clock.clearTimeout(timer);
			options.signal?.removeEventListener("abort", onAbort);
		}
	}
}

function timeoutError(url: URL, timeoutMs: number): ApiError {
	return new ApiError(`No answer from ${url.host} within ${Math.round(timeoutMs / 1000)} s.`, {
		status: null,
		shortReason: "timeout",
		fatal: false,
	});
}

/** The body as text, refusing one larger than a page can be. An abort of `signal` ends the read. */
async function readText(response: Response, signal: AbortSignal): Promise<string> {
	const body = response.body;
	if (body === null) return "";
	const reader = body.getReader();
	// An abort alone can leave a pending read unsettled (see tail-client.ts `#cancelRead`).
	const onAbort = () => {
		reader.cancel().catch(() => {});
	};
	signal.addEventListener("abort", onAbort, { once: true });
	const parts: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > maxPageBytes) throw new Error("the projects page is too large");
			parts.push(value);
		}
	} finally {
		signal.removeEventListener("abort", onAbort);
		reader.cancel().catch(() => {});
	}
	if (signal.aborted) throw new Error("aborted");
	return Buffer.concat(parts).toString("utf8");
}

function wait(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		const onAbort = () => {
			clock.clearTimeout(timer);
			reject(signal?.reason);
		};
		const timer = clock.setTimeout(() => {
			signal?.removeEventListener("abort", onAbort);
			resolve();
		}, ms);
		signal?.addEventListener("abort", onAbort, { once: true });
	});
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
