/**
 * The one way bctail sends a request to the BigCommerce API, shared by the tail client and the
 * projects client: the URL under `/stores/{hash}/v3/infrastructure/`, the headers (token, Accept,
 * User-Agent) and a fetch that never follows a redirect, because a redirect would carry
 * `X-Auth-Token` to wherever it points. Status handling and sentences are `api-errors.ts`'s.
 */

import { userAgent as defaultUserAgent } from "../util/version.js";

/** Where requests go. */
export interface ApiTarget {
	/** `https://api.bigcommerce.com`, or `http://127.0.0.1:8787` for the emulator (see `parseApiHost`). */
	readonly origin: string;
	readonly storeHash: string;
	/** The access token, sent as `X-Auth-Token`; never shown anywhere. */
	readonly token: string;
}

/** `origin` without trailing slashes. */
function bareOrigin(target: ApiTarget): string {
	return target.origin.replace(/\/+$/, "");
}

/**
 * The URL of `path` (already encoded, no leading slash, e.g. `logs/<uuid>/tail`) under the store's
 * infrastructure API, with `query` appended as given (the API's `name:like` keeps its colon).
 */
export function apiUrl(target: ApiTarget, path: string, query = ""): string {
	const store = encodeURIComponent(target.storeHash);
	return `${bareOrigin(target)}/stores/${store}/v3/infrastructure/${path}${query === "" ? "" : `?${query}`}`;
}

/** The `host[:port]` of the target, for sentences ("No response from api.bigcommerce.com …"). */
export function apiHost(target: ApiTarget): string {
	const origin = bareOrigin(target);
	try {
		return new URL(origin).host;
	} catch {
		// An unparsable origin fails in fetch and is reported there.
		return origin;
	}
}

/** The request headers: the token, what we accept, who we are, plus `extra`. */
export function apiHeaders(
	target: ApiTarget,
	accept: string,
	userAgent: string = defaultUserAgent,
	extra: Record<string, string> = {},
): Record<string, string> {
	return { "X-Auth-Token": target.token, Accept: accept, ...extra, "User-Agent": userAgent };
}

/** Sends a GET and resolves with the response, whatever its status; never follows a redirect. */
export function apiFetch(
	url: string | URL,
	headers: Record<string, string>,
	signal: AbortSignal,
): Promise<Response> {
	return fetch(url, { headers, signal, redirect: "manual" });
}

/** A token that can be put in a header: visible ASCII only (anything else fails in fetch, echoing it). */
const headerSafe = /^[\x21-\x7e]+$/;

/** Why a token cannot be sent at all (a sentence, never the token), or null. */
export function tokenProblem(token: string): string | null {
	if (token === "") return "No access token: set CATALYST_ACCESS_TOKEN or pass --access-token.";
	if (!headerSafe.test(token))
		return "The access token contains characters that cannot be sent in an HTTP header (spaces, line breaks or non-ASCII): check how it was copied.";
	return null;
}
