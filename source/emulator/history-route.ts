/**
 * `GET /stores/{hash}/v3/infrastructure/logs/{uuid}` (no `/tail`): the history endpoint. Checks
 * the request as the tail does, applies the project's next history fault, validates the query (422
 * with a per-field `errors` map), checks the cursor (400) and answers one page.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody, errorTypeUrl } from "./error-body.js";
import type { FaultQueue } from "./faults.js";
import { decodeCursor, queryHash } from "./history-cursor.js";
import type { HistoryLog } from "./history-log.js";
import { historyPage, type PageFrom } from "./history-page.js";
import { parseHistoryQuery } from "./history-query.js";
import { type EmulatorContext, type RequestCounter, resolveProject } from "./project-request.js";
import { sendJson } from "./send-json.js";
import { resetSocket } from "./tail-route.js";
import type { HistoryFault, HistoryPagination } from "./types.js";

export interface HistoryRouteOptions {
	readonly context: EmulatorContext;
	readonly counter: RequestCounter;
	readonly faults: FaultQueue<HistoryFault>;
	readonly log: HistoryLog;
	readonly pagination: HistoryPagination;
}

/** The 403 the API sends while support has not enabled the Logs API beta for the store. */
const notEnabled =
	"Infrastructure Logs API not enabled. If you are part of the beta, contact support@bigcommerce.com to enable it.";

/** A v3 error body with a per-field `errors` map. */
function fieldErrors(status: number, title: string, errors: Readonly<Record<string, string>>): string {
	return JSON.stringify({ status, title, type: errorTypeUrl, errors });
}

/** Answers a `status` history fault with its defaults: the not-enabled 403, a 429 reset header. */
function sendStatusFault(response: ServerResponse, fault: Extract<HistoryFault, { kind: "status" }>): void {
	const body = fault.body ?? errorBody(fault.status, fault.status === 403 ? notEnabled : undefined);
	const headers =
		fault.status === 429 ? { "X-Rate-Limit-Time-Reset-Ms": "1000", ...fault.headers } : fault.headers;
	sendJson(response, fault.status, body, { ...headers });
}

/** Validates the query and sends the page (or the 422 / 400). */
function answer(
	options: HistoryRouteOptions,
	response: ServerResponse,
	projectUuid: string,
	params: URLSearchParams,
) {
	const parsed = parseHistoryQuery(params);
	if (!parsed.ok) return sendJson(response, 422, fieldErrors(422, "Invalid query", parsed.errors));
	const { query } = parsed;
	const hash = queryHash(query.startMs, query.endMs, query.filters);
	let from: PageFrom = { kind: "newest" };
	const cursor = query.after ?? query.before;
	if (cursor !== undefined) {
		const field = query.after === undefined ? "before" : "after";
		const position = decodeCursor(cursor, hash);
		if (!position) {
			const message = "the cursor is not valid for this window and these filters";
			return sendJson(response, 400, fieldErrors(400, "Invalid cursor", { [field]: message }));
		}
		from = { kind: field, position };
	}
	const body = historyPage(options.log.entries(projectUuid), query, from, {
		hash,
		pagination: options.pagination,
	});
	sendJson(response, 200, body);
}

/** The handler of the history endpoint. */
export function createHistoryRoute(options: HistoryRouteOptions) {
	return (
		request: IncomingMessage,
		response: ServerResponse,
		hash: string,
		rawUuid: string,
		query: URLSearchParams,
	) => {
		const project = resolveProject(options.context, options.counter, request, response, { hash, rawUuid });
		if (!project) return;
		options.counter.noteQuery(project.uuid, query.toString());
		const fault = options.faults.take(project.uuid);
		if (fault?.kind === "reset") return resetSocket(request);
		if (fault?.kind === "status") return sendStatusFault(response, fault);
		if (fault?.kind !== "slow") return answer(options, response, project.uuid, query);
		const timer = setTimeout(() => {
			if (!response.destroyed) answer(options, response, project.uuid, query);
		}, fault.ms);
		timer.unref();
		response.on("close", () => clearTimeout(timer));
	};
}
