/**
 * The history endpoint (`GET /infrastructure/logs/{project_uuid}?start&end…`): one page at a time,
 * or every page of a window from the newest to the oldest. One client per project keeps at most one
 * request in flight, so a backfill, a scroll-back and a gap fill of the same pane queue instead of
 * hammering the API; failures are `ApiError`s with catalyst's sentences (403: the beta is off).
 * What the entries mean is the model's business (`model/history-entry.ts`): this file moves pages.
 */

import { parseHistoryPage } from "../model/history-entry.js";
import { type Clock, systemClock } from "../util/clock.js";
import { ApiError } from "./api-errors.js";
import { apiUrl } from "./api-request.js";
import type { BackoffOptions } from "./backoff.js";
import { getJson } from "./json-request.js";
import type { TailTarget } from "./tail-types.js";

/** The levels `level:min` accepts, lowest first. */
export const historyLevels = ["debug", "info", "warn", "error"] as const;
export type HistoryLevel = (typeof historyLevels)[number];

/** The server-side filters of the endpoint. */
export interface HistoryFilters {
	readonly entryType?: "log" | "request" | undefined;
	/** Sent as given; the API compares it case-insensitively. */
	readonly method?: string | undefined;
	readonly statusCode?: number | undefined;
	/** A substring of the URL (`url:like`), case-sensitive. */
	readonly urlLike?: string | undefined;
	readonly levelMin?: HistoryLevel | undefined;
}

/** One page request: the window (ISO-8601 as the API wants it), filters, size and a cursor. */
export interface HistoryPageRequest extends HistoryFilters {
	readonly start: string;
	readonly end: string;
	/** 1–500; default 500 (the fewest requests for a window). */
	readonly limit?: number | undefined;
	/** The `end_cursor` of a page: the next older page. */
	readonly after?: string | undefined;
	/** The `start_cursor` of a page: the next newer page. */
	readonly before?: string | undefined;
}

/** One page as the wire has it: entries newest first, untouched, and where to go next. */
export interface HistoryPage {
	readonly entries: readonly unknown[];
	readonly startCursor: string | null;
	readonly endCursor: string | null;
	/** An older page exists (`links.next`, or `has_next_page: true`). */
	readonly hasOlder: boolean;
	/** A newer page exists (`links.previous`, or `has_prev_page: true`). */
	readonly hasNewer: boolean;
	/** `meta.cursor_pagination` as received, for `--format json`'s meta line. */
	readonly pagination: unknown;
}

export interface HistoryClientOptions {
	readonly clock?: Clock;
	/** Per page: no complete answer within this long is a failure (retried; default 30,000 ms). */
	readonly timeoutMs?: number;
	/** 5xx and network failures retried per page before the page fails (default 4). */
	readonly retries?: number;
	readonly backoff?: BackoffOptions;
	readonly userAgent?: string;
	/** Told before each wait, e.g. to say "rate limited, waiting 3 s" on a progress line. */
	readonly onWait?: (ms: number, reason: string) => void;
	readonly random?: () => number;
}

/** The endpoint's own ceiling, which also means the fewest requests for a window. */
export const maxHistoryLimit = 500;
/** A page of 500 entries is well under a MiB; the cap leaves room for fat messages. */
const maxPageBytes = 32 * 1024 * 1024;
/** A window never legitimately has more pages (7 days at 500 a page is millions of entries). */
const maxPagesPerWindow = 100_000;

/** The query string of a page request; `url:like` and `level:min` keep their colons, as documented. */
export function historyQueryString(request: HistoryPageRequest): string {
	const parts: string[] = [];
	const add = (name: string, value: string | number | undefined) => {
		if (value === undefined || value === "") return;
		parts.push(`${name}=${encodeURIComponent(String(value))}`);
	};
	add("start", request.start);
	add("end", request.end);
	add("entry_type", request.entryType);
	add("method", request.method);
	add("status_code", request.statusCode);
	add("url:like", request.urlLike);
	add("level:min", request.levelMin);
	add("limit", request.limit ?? maxHistoryLimit);
	add("after", request.after);
	add("before", request.before);
	return parts.join("&");
}

/** The page parts of a body (read by the model's `parseHistoryPage`), or an `ApiError` for a bad shape. */
export function pageOf(body: unknown, host: string): HistoryPage {
	const page = parseHistoryPage(body);
	if (!page.ok) {
		throw new ApiError(`${page.error.replace(/\.$/, "")} (from ${host}).`, {
			status: 200,
			shortReason: "bad page",
			fatal: false,
		});
	}
	const meta = (body as { meta?: { cursor_pagination?: unknown } }).meta;
	return {
		entries: page.entries,
		startCursor: page.cursors.start,
		endCursor: page.cursors.end,
		hasOlder: page.cursors.hasNext,
		hasNewer: page.cursors.hasPrev,
		pagination: typeof meta === "object" && meta !== null ? meta.cursor_pagination : undefined,
	};
}

/** The history of one project. */
export class HistoryClient {
	readonly #target: TailTarget;
	readonly #projectUuid: string;
	readonly #options: HistoryClientOptions;
	readonly #clock: Clock;
	/** The tail of the queue: each request starts when the one before it settled. */
	#queue: Promise<unknown> = Promise.resolve();
	#requests = 0;

	constructor(target: TailTarget, projectUuid: string, options: HistoryClientOptions = {}) {
		this.#target = target;
		this.#projectUuid = projectUuid;
		this.#options = options;
		this.#clock = options.clock ?? systemClock;
	}

	get projectUuid(): string {
		return this.#projectUuid;
	}

	/** Page requests sent so far (retries included once). */
	get requests(): number {
		return this.#requests;
	}

	/** One page; queued behind any request of this client still in flight. */
	page(request: HistoryPageRequest, signal?: AbortSignal): Promise<HistoryPage> {
		const run = this.#queue.then(
			() => this.#fetch(request, signal),
			() => this.#fetch(request, signal),
		);
		// The queue only orders requests; a failure belongs to its caller, not to the next one.
		this.#queue = run.catch(() => {});
		return run;
	}

	/**
	 * Every page of the window, newest first, following `after` until no older page is left (or
	 * `maxPages` pages were read). A cursor that repeats ends the walk with an error, not a loop.
	 */
	async *pages(
		request: HistoryPageRequest,
		signal?: AbortSignal,
		maxPages = maxPagesPerWindow,
	): AsyncGenerator<HistoryPage, void, void> {
		let cursor = request.after;
		const seen = new Set<string>();
		for (let count = 0; count < maxPages; count++) {
			const page = await this.page({ ...request, after: cursor }, signal);
			yield page;
			if (!page.hasOlder || page.endCursor === null || page.entries.length === 0) return;
			if (seen.has(page.endCursor)) {
				throw new ApiError("The history pages do not end (a cursor repeats).", {
					status: null,
					shortReason: "bad page",
					fatal: true,
				});
			}
			seen.add(page.endCursor);
			cursor = page.endCursor;
		}
	}

	async #fetch(request: HistoryPageRequest, signal: AbortSignal | undefined): Promise<HistoryPage> {
		const path = `logs/${encodeURIComponent(this.#projectUuid)}`;
		const url = new URL(apiUrl(this.#target, path, historyQueryString(request)));
		this.#requests += 1;
		const body = await getJson(url, this.#target, {
			endpoint: { kind: "history", storeHash: this.#target.storeHash, projectUuid: this.#projectUuid },
			what: "The history page",
			clock: this.#clock,
			signal,
			timeoutMs: this.#options.timeoutMs ?? 30_000,
			maxBytes: maxPageBytes,
			rateLimit: { retries: 8, maxWaitMs: 5 * 60_000 },
			transient: {
				retries: this.#options.retries ?? 4,
				backoff: this.#options.backoff ?? { baseMs: 1000, capMs: 30_000 },
			},
			userAgent: this.#options.userAgent,
			onWait: this.#options.onWait,
			random: this.#options.random,
		});
		return pageOf(body, url.host);
	}
}
