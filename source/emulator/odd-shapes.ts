/**
 * The odd shapes real events have: messages that are numbers, objects, null and booleans; an
 * invocation that ended with no status and an `outcome` field; a HEAD request. And the unknown
 * top-level fields a few events carry, which a client must pass over.
 */
import { uuidV4 } from "./prng.js";
import { type Draft, iso, type TrafficContext } from "./traffic-draft.js";

/** A page whose log messages are not strings. */
export function nonStringMessages({ random, url, pagePath }: TrafficContext, t: number): Draft {
	return {
		request: { method: "GET", url: url(pagePath()), status_code: 200 },
		logs: [
			{ timestamp: iso(t - 30), level: "info", messages: [random.int(0, 10_000)] },
			{
				timestamp: iso(t - 20),
				level: "log",
				messages: [{ route: "/[locale]/(default)/page", revalidate: 3600 }, null, true],
			},
		],
		exceptions: [],
	};
}

/** An invocation cut short (CPU limit, cancel, exception): status 0 and an `outcome`. */
export function abortedInvocation({ random, url, pagePath }: TrafficContext): Draft {
	return {
		request: { method: "GET", url: url(pagePath()), status_code: 0 },
		logs: [],
		exceptions: [],
		extra: { outcome: random.pick(["exceededCpu", "canceled", "exception"]) },
	};
}

/** A HEAD request for the home page. */
export function headRequest({ url }: TrafficContext): Draft {
	return { request: { method: "HEAD", url: url("/"), status_code: 200 }, logs: [], exceptions: [] };
}

/**
 * One set of unknown fields for the event numbered `counter`. All three candidates are drawn before
 * the pick (the script version's uuid included): that order is part of the seeded sequence.
 */
export function unknownFields(
	{ random }: TrafficContext,
	counter: number,
	uuidKey: number,
): Record<string, unknown> {
	return random.pick<Record<string, unknown>>([
		{ script_version: { id: uuidV4(random, counter, ~uuidKey), tag: "v1.4.2" } },
		{ cf_ray: `${(random.uint32() >>> 0).toString(16)}${(random.uint32() >>> 0).toString(16)}-IAD` },
		{ event_type: "fetch", cpu_time_ms: random.int(1, 50) },
	]);
}
