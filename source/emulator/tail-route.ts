/**
 * `GET /stores/{hash}/v3/infrastructure/logs/{uuid}/tail`: checks the request, applies the next
 * tail fault of the project (503 while it is in an outage), and opens the SSE stream.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody } from "./error-body.js";
import type { FaultQueue } from "./faults.js";
import type { OpenStreams } from "./open-streams.js";
import { type EmulatorContext, type RequestCounter, resolveProject } from "./project-request.js";
import { sendJson } from "./send-json.js";
import type { FrameStyle } from "./sse-writer.js";
import type { TrafficGenerator } from "./traffic.js";
import type { Fault } from "./types.js";

export interface TailRouteOptions {
	readonly context: EmulatorContext;
	readonly counter: RequestCounter;
	readonly faults: FaultQueue<Fault>;
	readonly streams: OpenStreams;
	readonly generators: ReadonlyMap<string, TrafficGenerator>;
	readonly style: FrameStyle;
	readonly keepAliveMs: number;
	readonly streamEndMs: number;
	/** Projects in an outage: their tail requests get 503. */
	readonly outages: ReadonlySet<string>;
	/** Told of each event the route generates itself (the torn fault's), for the history log. */
	readonly onGenerated: (projectUuid: string, event: Record<string, unknown>) => void;
}

/** The handler of the tail endpoint. */
export function createTailRoute(options: TailRouteOptions) {
	const { streams, generators } = options;

	const openStream = (projectUuid: string, response: ServerResponse, fault: Fault | null): void => {
		const endAfter = fault?.kind === "end-early" ? fault.after : undefined;
		const mode =
			fault?.kind === "stall"
				? "stall"
				: fault?.kind === "keepalive-only" || endAfter === "keep-alive"
					? "keepalive-only"
					: "events";
		const { stream, previous } = streams.open({
			projectUuid,
			response,
			mode,
			style: options.style,
			keepAliveMs: options.keepAliveMs,
			streamEndMs: options.streamEndMs,
			...(endAfter === undefined ? {} : { endAfter }),
		});
		if (fault?.kind === "torn") {
			const generator = generators.get(projectUuid);
			const event = generator ? generator.next(Date.now()) : { uuid: "torn", project_uuid: projectUuid };
			if (generator) options.onGenerated(projectUuid, event);
			stream.tear(JSON.stringify(event));
		} else if (fault?.kind === "replay" && previous) {
			streams.replay(stream, previous, fault.count);
		}
	};

	return (request: IncomingMessage, response: ServerResponse, hash: string, rawUuid: string) => {
		const project = resolveProject(options.context, options.counter, request, response, { hash, rawUuid });
		if (!project) return;
		if (options.outages.has(project.uuid)) return sendJson(response, 503, errorBody(503));
		const fault = options.faults.take(project.uuid);
		switch (fault?.kind) {
			case "reset":
				return resetSocket(request);
			case "no-headers":
				return streams.hold(project.uuid, response);
			case "status":
				return sendJson(response, fault.status, fault.body ?? errorBody(fault.status), { ...fault.headers });
			default:
				return openStream(project.uuid, response, fault);
		}
	};
}

/** An RST where the platform supports it, so the client sees ECONNRESET, not a clean close. */
export function resetSocket(request: IncomingMessage): void {
	if (typeof request.socket.resetAndDestroy === "function") request.socket.resetAndDestroy();
	else request.socket.destroy();
}
