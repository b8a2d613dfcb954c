/**
 * One project's tail request: where it goes, what it sends (an event stream, never from a cache), and
 * how its endpoint and host are named in error sentences. Built once per client; every attempt sends
 * the same.
 */
import type { ApiEndpoint } from "./api-errors.js";
import { apiHeaders, apiHost, apiUrl } from "./api-request.js";
import type { TailTarget } from "./tail-types.js";

export interface TailRequest {
	readonly url: string;
	readonly headers: Record<string, string>;
	/** Names the endpoint in error sentences. */
	readonly endpoint: ApiEndpoint;
	/** The API's host, for network error sentences and the attempt's timeouts. */
	readonly host: string;
}

/** The request of `projectUuid`'s stream. */
export function tailRequest(target: TailTarget, projectUuid: string, userAgent?: string): TailRequest {
	return {
		url: apiUrl(target, `logs/${encodeURIComponent(projectUuid)}/tail`),
		headers: apiHeaders(target, "text/event-stream", userAgent, { "Cache-Control": "no-cache" }),
		endpoint: { kind: "tail", storeHash: target.storeHash, projectUuid },
		host: apiHost(target),
	};
}
