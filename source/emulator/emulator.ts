/**
 * The emulator of the BigCommerce Infrastructure Hosting endpoints bctail uses: a real node:http
 * server on loopback serving the Tail Worker Logs stream and the projects listing, with generated
 * traffic and injectable faults. Tests, `--demo` and the benchmarks run against it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { ProjectInfo } from "../model/types.js";
import { isLoopbackHost } from "../stream/loopback.js";
import { errorBody } from "./error-body.js";
import { FaultQueue } from "./faults.js";
import {
	defaultStoreHash,
	defaultToken,
	demoProjects,
	isUuid,
	ListingError,
	listProjects,
} from "./projects.js";
import type { FrameStyle } from "./sse-writer.js";
import { TailStream } from "./tail-stream.js";
import { createTrafficGenerator, type TrafficGenerator } from "./traffic.js";
import { startTrafficPump } from "./traffic-pump.js";
import type { Emulator, EmulatorOptions, Fault, FaultRule } from "./types.js";

const tailRoute = /^\/stores\/([^/]+)\/v3\/infrastructure\/logs\/([^/]+)\/tail\/?$/;
const projectsRoute = /^\/stores\/([^/]+)\/v3\/infrastructure\/projects\/?$/;

/** Per-project bookkeeping of the uuids written whole, in first-write order. */
class SentLog {
	readonly list: string[] = [];
	readonly #seen = new Set<string>();
	add(uuid: string): void {
		if (this.#seen.has(uuid)) return;
		this.#seen.add(uuid);
		this.list.push(uuid);
	}
}

function uuidOf(event: unknown): string | null {
	let value = event;
	if (typeof value === "string") {
		try {
			value = JSON.parse(value);
		} catch {
			return null;
		}
	}
	if (typeof value === "object" && value !== null && "uuid" in value) {
		const uuid = (value as { uuid: unknown }).uuid;
		return typeof uuid === "string" ? uuid : null;
	}
	return null;
}

/** A held request (the `no-headers` fault): counted as an open stream until the client gives up. */
interface HeldRequest {
	readonly projectUuid: string;
	readonly response: ServerResponse;
}

/**
 * Starts an emulator and resolves once it listens. Rejects for a non-loopback `host` or a port in use.
 */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const host = options.host ?? "127.0.0.1";
	if (!isLoopbackHost(host)) throw new Error(`the emulator listens on loopback only, not on ${host}`);
	const storeHash = options.storeHash ?? defaultStoreHash;
	let token = options.token ?? defaultToken;
	const projects: readonly ProjectInfo[] = options.projects ?? demoProjects;
	const seed = options.seed ?? 1;
	const keepAliveMs = options.keepAliveMs ?? 15_000;
	const streamEndMs = options.streamEndMs ?? 60_000;
	const style: FrameStyle = {
		framing: options.framing ?? "message",
		lineEnding: options.lineEnding ?? "\n",
		keepAliveStyle: options.keepAliveStyle ?? "comment",
	};

	const projectsByUuid = new Map(projects.map((project) => [project.uuid.toLowerCase(), project]));
	const generators = new Map<string, TrafficGenerator>();
	for (const project of projects) {
		generators.set(
			project.uuid,
			createTrafficGenerator(seed, project.uuid, {
				hostile: options.hostile === true,
				hostnames: project.hostnames,
			}),
		);
	}
	const faults = new FaultQueue();
	const streams = new Set<TailStream>();
	const held = new Set<HeldRequest>();
	const sockets = new Set<Socket>();
	const sentLogs = new Map<string, SentLog>();
	const requestCounts = new Map<string, number>();
	const lastStream = new Map<string, TailStream>();
	let closing: Promise<void> | undefined;

	const sentLog = (projectUuid: string): SentLog => {
		let log = sentLogs.get(projectUuid);
		if (!log) {
			log = new SentLog();
			sentLogs.set(projectUuid, log);
		}
		return log;
	};

	/** Writes one event to every stream of the project that carries events; returns how many took it. */
	const broadcast = (projectUuid: string, data: string, uuid: string | null): number => {
		let written = 0;
		for (const stream of streams) {
			if (stream.projectUuid !== projectUuid) continue;
			if (stream.sendEvent(data, uuid)) {
				written += 1;
				if (uuid !== null) sentLog(projectUuid).add(uuid);
			}
		}
		return written;
	};

	const sendJson = (
		response: ServerResponse,
		status: number,
		body: string,
		headers: Record<string, string> = {},
	) => {
		// These statuses must not carry a body (HTTP); a fault may still ask for them.
		const bodyless = status < 200 || status === 204 || status === 304;
		if (!bodyless) response.setHeader("Content-Type", "application/json");
		// setHeader is case-insensitive, so a fault's "content-type" replaces the default.
		for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
		if (!bodyless) response.setHeader("Content-Length", String(Buffer.byteLength(body)));
		response.writeHead(status);
		response.end(bodyless ? undefined : body);
	};

	const openStream = (projectUuid: string, response: ServerResponse, fault: Fault | null): void => {
		const mode =
			fault?.kind === "stall" ? "stall" : fault?.kind === "keepalive-only" ? "keepalive-only" : "events";
		const previous = lastStream.get(projectUuid);
		const stream = new TailStream({
			projectUuid,
			response,
			mode,
			style,
			keepAliveMs,
			streamEndMs,
			onClose: (closed) => streams.delete(closed),
		});
		streams.add(stream);
		lastStream.set(projectUuid, stream);
		if (fault?.kind === "torn") {
			const generator = generators.get(projectUuid);
			const event = generator ? generator.next(Date.now()) : { uuid: "torn", project_uuid: projectUuid };
			stream.tear(JSON.stringify(event));
		} else if (fault?.kind === "replay" && previous) {
			const count = fault.count ?? previous.history.length;
			for (const frame of previous.history.slice(Math.max(0, previous.history.length - count))) {
				if (stream.sendEvent(frame.data, frame.uuid) && frame.uuid !== null)
					sentLog(projectUuid).add(frame.uuid);
			}
		}
	};

	const handleTail = (request: IncomingMessage, response: ServerResponse, hash: string, rawUuid: string) => {
		let projectUuid = rawUuid;
		try {
			projectUuid = decodeURIComponent(rawUuid);
		} catch {
			// Malformed escapes: the raw segment is what the 400 below is about.
		}
		// Counted under the project's own spelling, so an upper-case request counts for the project.
		const counted = projectsByUuid.get(projectUuid.toLowerCase())?.uuid ?? projectUuid;
		requestCounts.set(counted, (requestCounts.get(counted) ?? 0) + 1);
		if (request.headers["x-auth-token"] !== token) return sendJson(response, 401, errorBody(401));
		if (hash !== storeHash) return sendJson(response, 404, errorBody(404, "Store not found"));
		if (!isUuid(projectUuid))
			return sendJson(response, 400, errorBody(400, ":projectUuid should be valid UUID."));
		const project = projectsByUuid.get(projectUuid.toLowerCase());
		if (!project) return sendJson(response, 404, errorBody(404, "Project not found"));
		const fault = faults.take(project.uuid);
		switch (fault?.kind) {
			case "reset":
				// An RST where the platform supports it, so the client sees ECONNRESET, not a clean close.
				if (typeof request.socket.resetAndDestroy === "function") request.socket.resetAndDestroy();
				else request.socket.destroy();
				return;
			case "no-headers": {
				const entry: HeldRequest = { projectUuid: project.uuid, response };
				held.add(entry);
				response.on("close", () => held.delete(entry));
				return;
			}
			case "status":
				return sendJson(response, fault.status, fault.body ?? errorBody(fault.status), { ...fault.headers });
			default:
				return openStream(project.uuid, response, fault);
		}
	};

	const handleProjects = (
		request: IncomingMessage,
		response: ServerResponse,
		hash: string,
		query: URLSearchParams,
	) => {
		if (request.headers["x-auth-token"] !== token) return sendJson(response, 401, errorBody(401));
		if (hash !== storeHash) return sendJson(response, 404, errorBody(404, "Store not found"));
		try {
			return sendJson(response, 200, JSON.stringify(listProjects(projects, query)));
		} catch (error) {
			if (error instanceof ListingError) return sendJson(response, 400, errorBody(400, error.title));
			throw error;
		}
	};

	const route = (request: IncomingMessage, response: ServerResponse) => {
		const url = new URL(request.url ?? "/", "http://emulator.invalid");
		const tail = tailRoute.exec(url.pathname);
		const listing = tail ? null : projectsRoute.exec(url.pathname);
		if (!tail && !listing) return sendJson(response, 404, errorBody(404, "Not Found"));
		if (request.method !== "GET") return sendJson(response, 405, errorBody(405));
		if (tail) return handleTail(request, response, tail[1] ?? "", tail[2] ?? "");
		return handleProjects(request, response, listing?.[1] ?? "", url.searchParams);
	};

	const server = createServer((request, response) => {
		try {
			route(request, response);
		} catch (error) {
			// A bug here must not take down the process that embeds the emulator (--demo, tests).
			if (!response.headersSent) sendJson(response, 500, errorBody(500, String(error)));
			else response.destroy();
		}
	});
	server.on("connection", (socket) => {
		sockets.add(socket);
		socket.on("close", () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(options.port ?? 0, host, () => {
			server.off("error", reject);
			resolve();
		});
	});
	const address = server.address();
	if (address === null || typeof address === "string") throw new Error("the emulator has no TCP address");
	const port = address.port;
	const origin = `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;

	const stopTraffic = startTrafficPump({
		projectUuids: projects.map((project) => project.uuid),
		rate: options.rate ?? 2,
		seed,
		emit(projectUuid, at) {
			const generator = generators.get(projectUuid);
			if (!generator) return;
			// Generated even with no stream open: those events are lost, as with the real API.
			const event = generator.next(at);
			broadcast(projectUuid, JSON.stringify(event), event.uuid as string);
		},
	});

	const matches = (projectUuid: string | undefined, candidate: string) =>
		projectUuid === undefined || projectUuid === candidate;

	return {
		origin,
		port,
		storeHash,
		get token() {
			return token;
		},
		projects,
		fault(projectUuid: string, rule: FaultRule) {
			faults.add(projectUuid, rule);
		},
		clearFaults() {
			faults.clear();
		},
		push(projectUuid, event) {
			const data = typeof event === "string" ? event : JSON.stringify(event);
			return broadcast(projectUuid, data, uuidOf(event));
		},
		pushRaw(projectUuid, bytes) {
			let written = 0;
			for (const stream of streams) {
				if (stream.projectUuid === projectUuid && stream.sendRaw(bytes)) written += 1;
			}
			return written;
		},
		sent(projectUuid) {
			return [...(sentLogs.get(projectUuid)?.list ?? [])];
		},
		openStreams(projectUuid) {
			let count = 0;
			for (const stream of streams) if (stream.open && matches(projectUuid, stream.projectUuid)) count += 1;
			for (const entry of held) if (matches(projectUuid, entry.projectUuid)) count += 1;
			return count;
		},
		requests(projectUuid) {
			return requestCounts.get(projectUuid) ?? 0;
		},
		endStreams(projectUuid) {
			for (const stream of streams) {
				if (stream.mode !== "stall" && matches(projectUuid, stream.projectUuid)) stream.end();
			}
		},
		setToken(next) {
			token = next;
		},
		close() {
			closing ??= new Promise<void>((resolve) => {
				stopTraffic();
				for (const stream of streams) stream.destroy();
				server.close(() => resolve());
				server.closeAllConnections();
				for (const socket of sockets) socket.destroy();
			});
			return closing;
		},
	};
}
