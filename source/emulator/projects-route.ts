/**
 * `GET /stores/{hash}/v3/infrastructure/projects`: the paginated projects listing.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ProjectInfo } from "../model/types.js";
import { errorBody } from "./error-body.js";
import { checkStore, type EmulatorContext } from "./project-request.js";
import { ListingError, listProjects } from "./projects.js";
import { sendJson } from "./send-json.js";

/** The handler of the listing over `projects`. */
export function createProjectsRoute(context: EmulatorContext, projects: readonly ProjectInfo[]) {
	return (request: IncomingMessage, response: ServerResponse, hash: string, query: URLSearchParams) => {
		if (!checkStore(context, request, response, hash)) return;
		try {
			sendJson(response, 200, JSON.stringify(listProjects(projects, query)));
		} catch (error) {
			if (error instanceof ListingError) return sendJson(response, 400, errorBody(400, error.title));
			throw error;
		}
	};
}
