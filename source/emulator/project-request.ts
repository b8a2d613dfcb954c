/**
 * The checks every per-project endpoint (tail, history) makes in the same order the API does:
 * 401 for a bad token, 404 for another store, 400 for a uuid that is not one, 404 for an unknown
 * project. Also counts each request under the project's own spelling of its uuid.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ProjectInfo } from "../model/types.js";
import { errorBody } from "./error-body.js";
import { isUuid } from "./projects.js";
import { sendJson } from "./send-json.js";

/** What the endpoints share: the store, the current token, the projects by lower-case uuid. */
export interface EmulatorContext {
	readonly storeHash: string;
	token(): string;
	readonly projectsByUuid: ReadonlyMap<string, ProjectInfo>;
}

/** Requests received per project, any status. */
export class RequestCounter {
	readonly #counts = new Map<string, number>();
	/** The query strings of the last requests per project (`noteQuery`), for tests that check them. */
	readonly #queries = new Map<string, string[]>();
	add(projectUuid: string): void {
		this.#counts.set(projectUuid, (this.#counts.get(projectUuid) ?? 0) + 1);
	}
	get(projectUuid: string): number {
		return this.#counts.get(projectUuid) ?? 0;
	}
	/** Remembers a request's query string (the last `maxQueries` per project). */
	noteQuery(projectUuid: string, query: string): void {
		const list = this.#queries.get(projectUuid) ?? [];
		list.push(query);
		if (list.length > maxQueries) list.shift();
		this.#queries.set(projectUuid, list);
	}
	queries(projectUuid: string): readonly string[] {
		return [...(this.#queries.get(projectUuid) ?? [])];
	}
}

/** Query strings remembered per project: enough for a test, bounded for a long demo. */
const maxQueries = 256;

/** True when the request carries the valid token and targets the emulated store; else answers. */
export function checkStore(
	context: EmulatorContext,
	request: IncomingMessage,
	response: ServerResponse,
	hash: string,
): boolean {
	if (request.headers["x-auth-token"] !== context.token()) {
		sendJson(response, 401, errorBody(401));
		return false;
	}
	if (hash !== context.storeHash) {
		sendJson(response, 404, errorBody(404, "Store not found"));
		return false;
	}
	return true;
}

/**
 * The project a per-project request is for, or null once an error response has been sent. The
 * request is counted in `counter` first, whatever its outcome.
 */
export function resolveProject(
	context: EmulatorContext,
	counter: RequestCounter,
	request: IncomingMessage,
	response: ServerResponse,
	segments: { readonly hash: string; readonly rawUuid: string },
): ProjectInfo | null {
	let projectUuid = segments.rawUuid;
	try {
		projectUuid = decodeURIComponent(segments.rawUuid);
	} catch {
		// Malformed escapes: the raw segment is what the 400 below is about.
	}
	// Counted under the project's own spelling, so an upper-case request counts for the project.
	counter.add(context.projectsByUuid.get(projectUuid.toLowerCase())?.uuid ?? projectUuid);
	if (!checkStore(context, request, response, segments.hash)) return null;
	if (!isUuid(projectUuid)) {
		sendJson(response, 400, errorBody(400, ":projectUuid should be valid UUID."));
		return null;
	}
	const project = context.projectsByUuid.get(projectUuid.toLowerCase());
	if (!project) sendJson(response, 404, errorBody(404, "Project not found"));
	return project ?? null;
}
