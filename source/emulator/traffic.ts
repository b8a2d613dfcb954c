/**
 * Realistic Catalyst storefront traffic for one project, from a seeded PRNG: page views, API routes,
 * image optimizer hits, 404s, 500s with stacks, background invocations without a request, and the
 * odd shapes real events have (empty logs, null timestamps, non-string messages, unknown fields).
 * The kinds of invocation live in their own modules (`traffic-scenarios.ts` lists them by weight);
 * this file turns one drawn draft into an event.
 */
import { makeHostile } from "./hostile-draft.js";
import { unknownFields } from "./odd-shapes.js";
import { createRandom, hashString, uuidV4 } from "./prng.js";
import { createTrafficContext } from "./traffic-context.js";
import { iso } from "./traffic-draft.js";
import { scenarios } from "./traffic-scenarios.js";

/** Options of a traffic generator. */
export interface TrafficOptions {
	/** Plant escape sequences and bidi overrides in URLs, messages, exception names and stacks. */
	readonly hostile?: boolean;
	/** Hosts for absolute request URLs (default a demo host). */
	readonly hostnames?: readonly string[];
}

/** Generates one project's events, one per `next` call, each with a fresh unique uuid. */
export interface TrafficGenerator {
	/** The next event, as the API would send it, stamped around `now` (ms since the epoch). */
	next(now: number): Record<string, unknown>;
}

/**
 * A generator of one project's traffic. The same `seed` and `projectUuid` always give the same
 * sequence (timestamps aside, which follow `now`); different projects get different traffic.
 */
export function createTrafficGenerator(
	seed: number,
	projectUuid: string,
	options: TrafficOptions = {},
): TrafficGenerator {
	const random = createRandom((Math.imul(seed | 0, 0x9e3779b1) ^ hashString(projectUuid)) >>> 0);
	const hostnames =
		options.hostnames && options.hostnames.length > 0 ? options.hostnames : ["store.example.com"];
	const context = createTrafficContext(random, hostnames);
	const hostile = options.hostile === true;
	let counter = 0;
	const uuidKey = random.uint32();

	return {
		next(now) {
			counter += 1;
			const uuid = uuidV4(random, counter, uuidKey);
			const t = Math.floor(now);
			const draft = random.weighted(scenarios)(context, t);
			if (hostile && random.chance(0.5)) makeHostile(random, draft);
			const event: Record<string, unknown> = {
				uuid,
				project_uuid: projectUuid,
				request: draft.request,
				logs: draft.logs,
				exceptions: draft.exceptions,
				timestamp: draft.timestampNull ? null : iso(t),
			};
			if (draft.extra) Object.assign(event, draft.extra);
			if (random.chance(0.05)) Object.assign(event, unknownFields(context, counter, uuidKey));
			return event;
		},
	};
}
