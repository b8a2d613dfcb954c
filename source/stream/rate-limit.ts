/**
 * How long a `429 Too Many Requests` asks us to wait. BigCommerce sends `X-Rate-Limit-Time-Reset-Ms`;
 * generic proxies send `Retry-After` (seconds, or an HTTP date).
 */

/** A told wait longer than this is treated as this: a broken header must not park a pane for days. */
export const maxRateLimitWaitMs = 60 * 60 * 1000;

/**
 * The wait in ms the response asks for, or null when it names none (the caller then backs off).
 * `now` (ms since the epoch) is used for an HTTP-date `Retry-After`.
 */
export function rateLimitDelay(headers: Headers, now: number): number | null {
	const resetMs = headers.get("x-rate-limit-time-reset-ms")?.trim();
	if (resetMs !== undefined && /^\d+(\.\d+)?$/.test(resetMs)) return clamp(Number(resetMs));
	const retryAfter = headers.get("retry-after")?.trim();
	if (retryAfter === undefined || retryAfter === "") return null;
	if (/^\d+(\.\d+)?$/.test(retryAfter)) return clamp(Number(retryAfter) * 1000);
	const at = Date.parse(retryAfter);
	if (Number.isNaN(at)) return null;
	return clamp(at - now);
}

function clamp(ms: number): number {
	return Math.min(Math.max(Math.round(ms), 0), maxRateLimitWaitMs);
}
