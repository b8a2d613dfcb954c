import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../source/stream/backoff.js";
import { maxRateLimitWaitMs, rateLimitDelay } from "../../source/stream/rate-limit.js";

describe("backoffDelay", () => {
	const options = { baseMs: 500, capMs: 30_000 };
	it("doubles from the base up to the cap with random() = 1", () => {
		const delays = Array.from({ length: 10 }, (_, i) => backoffDelay(i + 1, options, () => 1));
		expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
	});
	it("is random() times the ceiling (full jitter)", () => {
		expect(backoffDelay(1, options, () => 0)).toBe(0);
		expect(backoffDelay(3, options, () => 0.5)).toBe(1000);
		expect(backoffDelay(20, options, () => 0.1)).toBe(3000);
	});
	it("stays finite after a very long outage", () => {
		expect(backoffDelay(100_000, options, () => 1)).toBe(30_000);
	});
});

describe("rateLimitDelay", () => {
	const now = Date.UTC(2026, 0, 1, 12, 0, 0);
	const delay = (headers: Record<string, string>) => rateLimitDelay(new Headers(headers), now);
	it("prefers X-Rate-Limit-Time-Reset-Ms", () => {
		expect(delay({ "X-Rate-Limit-Time-Reset-Ms": "1234", "Retry-After": "60" })).toBe(1234);
	});
	it("reads Retry-After in seconds or as an HTTP date", () => {
		expect(delay({ "Retry-After": "3" })).toBe(3000);
		expect(delay({ "Retry-After": new Date(now + 7000).toUTCString() })).toBe(7000);
		expect(delay({ "Retry-After": new Date(now - 7000).toUTCString() })).toBe(0);
	});
	it("names no wait when there is none or it is unreadable", () => {
		expect(delay({})).toBeNull();
		expect(delay({ "Retry-After": "soon" })).toBeNull();
		expect(delay({ "X-Rate-Limit-Time-Reset-Ms": "-5" })).toBeNull();
	});
	it("caps absurd waits", () => {
		expect(delay({ "X-Rate-Limit-Time-Reset-Ms": "99999999999" })).toBe(maxRateLimitWaitMs);
	});
});
