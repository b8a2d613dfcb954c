/**
 * One JSON GET of the Infrastructure Hosting API with everything a page request needs: a timeout
 * for the whole answer, a size cap, waits after a 429, retries with backoff for 5xx and network
 * failures (when the caller allows them), and every failure as an `ApiError` whose sentence never
 * holds the token. The projects listing and the history client both page through it, so they
 * behave and speak alike.
 */

import type { Clock } from "../util/clock.js";
import { type ApiEndpoint, ApiError, describeHttpStatus, readErrorBody } from "./api-errors.js";
import { type ApiTarget, apiFetch, apiHeaders } from "./api-request.js";
import { type BackoffOptions, backoffCeiling, backoffDelay } from "./backoff.js";
import { describeNetworkError } from "./network-errors.js";
import { rateLimitDelay } from "./rate-limit.js";
import { redactSecret } from "./redact.js";

export interface JsonRequestOptions {
	readonly endpoint: ApiEndpoint;
	/** What the body is, for sentences: "The projects listing", "The history page". */
	readonly what: string;
	readonly clock: Clock;
	/** Cancels the request (rejects with the signal's reason). */
	readonly signal?: AbortSignal | undefined;
	/** No complete answer within this long is a (retryable) failure. */
	readonly timeoutMs: number;
	/** A body larger than this is not a page. */
	readonly maxBytes: number;
	/** 429s tolerated before giving up, and the longest wait one may ask for. */
	readonly rateLimit: { readonly retries: number; readonly maxWaitMs: number };
	/**
	 * When set, 5xx answers and network failures are retried this many times with backoff. A told
	 * 429 wait is then never shorter than the backoff step, so "wait 0" cannot become a busy loop.
	 */
	readonly transient?: { readonly retries: number; readonly backoff: BackoffOptions } | undefined;
	/** Told before each wait (a 429 or a retry), so a progress line can say why nothing arrives. */
	readonly onWait?: ((ms: number, reason: string) => void) | undefined;
	readonly userAgent?: string | undefined;
	/** Randomness of the backoff jitter (default Math.random). */
	readonly random?: (() => number) | undefined;
}

/** GETs `url` and resolves with its parsed JSON body; throws `ApiError` for every failure. */
export async function getJson(url: URL, target: ApiTarget, options: JsonRequestOptions): Promise<unknown> {
	const scrub = (text: string) => redactSecret(text, target.token);
	const random = options.random ?? Math.random;
	let rateLimited = 0;
	let failures = 0;
	for (;;) {
		options.signal?.throwIfAborted();
		let outcome: Outcome;
		try {
			outcome = await attempt(url, target, options, scrub);
		} catch (error) {
			if (!(error instanceof ApiError) || error.fatal || options.transient === undefined) throw error;
			failures += 1;
			if (failures > options.transient.retries) throw error;
			const waitMs = Math.max(250, backoffDelay(failures, options.transient.backoff, random));
			options.onWait?.(waitMs, error.shortReason);
			await wait(options.clock, waitMs, options.signal);
			continue;
		}
		if (outcome.kind === "body") return outcome.body;
		rateLimited += 1;
		if (rateLimited > options.rateLimit.retries) throw outcome.error;
		const step = options.transient
			? backoffCeiling(rateLimited, options.transient.backoff)
			: 1000 * 2 ** (rateLimited - 1);
		const told = outcome.waitMs ?? step;
		const waitMs = Math.min(options.transient ? Math.max(told, step) : told, options.rateLimit.maxWaitMs);
		options.onWait?.(waitMs, "rate limited");
		await wait(options.clock, waitMs, options.signal);
	}
}

type Outcome =
	| { readonly kind: "body"; readonly body: unknown }
	| { readonly kind: "rate-limited"; readonly waitMs: number | null; readonly error: ApiError };

async function attempt(
	url: URL,
	target: ApiTarget,
	options: JsonRequestOptions,
	scrub: (text: string) => string,
): Promise<Outcome> {
	const { clock, signal, timeoutMs } = options;
	const controller = new AbortController();
	let timedOut = false;
	const timer = clock.setTimeout(() => {
		timedOut = true;
		controller.abort();
	}, timeoutMs);
	const onAbort = () => controller.abort();
	signal?.addEventListener("abort", onAbort, { once: true });
	const networkError = (error: unknown): ApiError => {
		signal?.throwIfAborted();
		if (timedOut) return timeoutError(url, timeoutMs);
		const described = describeNetworkError(error, url.host);
		return new ApiError(scrub(described.reason), {
			status: null,
			shortReason: described.shortReason,
			fatal: false,
		});
	};
	try {
		let response: Response;
		try {
			response = await apiFetch(
				url,
				apiHeaders(target, "application/json", options.userAgent),
				controller.signal,
			);
		} catch (error) {
			throw networkError(error);
		}
		if (response.status === 429) {
			response.body?.cancel().catch(() => {});
			const described = describeHttpStatus(429, options.endpoint);
			return {
				kind: "rate-limited",
				waitMs: rateLimitDelay(response.headers, clock.now()),
				error: new ApiError(described.reason, {
					status: 429,
					shortReason: described.shortReason,
					fatal: false,
				}),
			};
		}
		if (response.status !== 200) {
			const errorBody = response.status >= 400 ? await readErrorBody(response, controller.signal) : {};
			if (response.status < 400) response.body?.cancel().catch(() => {});
			const described = describeHttpStatus(response.status, options.endpoint, errorBody);
			throw new ApiError(scrub(described.reason), {
				status: response.status,
				shortReason: described.shortReason,
				fatal: described.fatal,
			});
		}
		const text = await readText(response, controller.signal, options.maxBytes, options.what).catch(
			(error: unknown) => {
				throw error instanceof ApiError ? error : networkError(error);
			},
		);
		try {
			return { kind: "body", body: JSON.parse(text) as unknown };
		} catch {
			throw new ApiError(`${options.what} from ${url.host} is not JSON.`, {
				status: 200,
				shortReason: "bad page",
				fatal: false,
			});
		}
	} finally {
		clock.clearTimeout(timer);
		signal?.removeEventListener("abort", onAbort);
	}
}

function timeoutError(url: URL, timeoutMs: number): ApiError {
	return new ApiError(`No answer from ${url.host} within ${Math.round(timeoutMs / 1000)} s.`, {
		status: null,
		shortReason: "timeout",
		fatal: false,
	});
}

/** The body as text, refusing one larger than `maxBytes`. An abort of `signal` ends the read. */
async function readText(
	response: Response,
	signal: AbortSignal,
	maxBytes: number,
	what: string,
): Promise<string> {
	const body = response.body;
	if (body === null) return "";
	const reader = body.getReader();
	// An abort alone can leave a pending read unsettled (see request-attempt.ts).
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
			if (size > maxBytes) {
				throw new ApiError(`${what} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB: refused.`, {
					status: 200,
					shortReason: "page too large",
					fatal: false,
				});
			}
			parts.push(value);
		}
	} finally {
		signal.removeEventListener("abort", onAbort);
		reader.cancel().catch(() => {});
	}
	if (signal.aborted) throw new Error("aborted");
	return Buffer.concat(parts).toString("utf8");
}

/** Waits `ms` on `clock`; an abort of `signal` rejects with its reason. */
export function wait(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
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
