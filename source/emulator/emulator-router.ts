/**
 * Maps a request's path to the endpoint that answers it: 404 for an unknown path, 405 for a method
 * other than GET, and a 500 (never a crash of the embedding process) when a handler throws.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody } from "./error-body.js";
import { sendJson } from "./send-json.js";

/** A handler of one path: the path's captured segments and the query string. */
export type RouteHandler = (
	request: IncomingMessage,
	response: ServerResponse,
	segments: readonly string[],
	query: URLSearchParams,
) => void;

/** One endpoint: its path pattern (captures become `segments`) and its handler. */
export interface Route {
	readonly pattern: RegExp;
	readonly handle: RouteHandler;
}

/** A node:http request listener over `routes`, tried in order. */
export function createRouter(routes: readonly Route[]) {
	const route = (request: IncomingMessage, response: ServerResponse) => {
		const url = new URL(request.url ?? "/", "http://emulator.invalid");
		for (const { pattern, handle } of routes) {
			const match = pattern.exec(url.pathname);
			if (!match) continue;
			if (request.method !== "GET") return sendJson(response, 405, errorBody(405));
			return handle(request, response, match.slice(1), url.searchParams);
		}
		sendJson(response, 404, errorBody(404, "Not Found"));
	};
	return (request: IncomingMessage, response: ServerResponse): void => {
		try {
			route(request, response);
		} catch (error) {
			// A bug here must not take down the process that embeds the emulator (--demo, tests).
			if (!response.headersSent) sendJson(response, 500, errorBody(500, String(error)));
			else response.destroy();
		}
	};
}
