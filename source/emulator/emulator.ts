/**
 * The emulator of the BigCommerce Infrastructure Hosting endpoints bctail uses: a real node:http
 * server on loopback serving the Tail Worker Logs stream and the projects listing, with generated
 * traffic and injectable faults. Tests, `--demo` and the benchmarks run against it. This file only
 * assembles the parts: streams, routes, server and traffic each live in their own module.
 */
import type { ProjectInfo } from "../model/types.js";
import { isLoopbackHost } from "../stream/loopback.js";
import { createRouter } from "./emulator-router.js";
import { listen } from "./emulator-server.js";
import { FaultQueue } from "./faults.js";
import { OpenStreams } from "./open-streams.js";
import { type EmulatorContext, RequestCounter } from "./project-request.js";
import { defaultStoreHash, defaultToken, demoProjects } from "./projects.js";
import { createProjectsRoute } from "./projects-route.js";
import { uuidOf } from "./pushed-event.js";
import { createTailRoute } from "./tail-route.js";
import { createTrafficGenerator, type TrafficGenerator } from "./traffic.js";
import { startTrafficPump } from "./traffic-pump.js";
import type { Emulator, EmulatorOptions, Fault } from "./types.js";

/** One seeded traffic generator per project. */
function createGenerators(projects: readonly ProjectInfo[], options: EmulatorOptions) {
	const generators = new Map<string, TrafficGenerator>();
	for (const project of projects) {
		const traffic = { hostile: options.hostile === true, hostnames: project.hostnames };
		generators.set(project.uuid, createTrafficGenerator(options.seed ?? 1, project.uuid, traffic));
	}
	return generators;
}

/**
 * Starts an emulator and resolves once it listens. Rejects for a non-loopback `host` or a port in use.
 */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const host = options.host ?? "127.0.0.1";
	if (!isLoopbackHost(host)) throw new Error(`the emulator listens on loopback only, not on ${host}`);
	let token = options.token ?? defaultToken;
	const projects: readonly ProjectInfo[] = options.projects ?? demoProjects;
	const context: EmulatorContext = {
		storeHash: options.storeHash ?? defaultStoreHash,
		token: () => token,
		projectsByUuid: new Map(projects.map((project) => [project.uuid.toLowerCase(), project])),
	};
	const generators = createGenerators(projects, options);
	const faults = new FaultQueue<Fault>();
	const streams = new OpenStreams();
	const tailRequests = new RequestCounter();
	const tail = createTailRoute({
		context,
		counter: tailRequests,
		faults,
		streams,
		generators,
		style: {
			framing: options.framing ?? "message",
			lineEnding: options.lineEnding ?? "\n",
			keepAliveStyle: options.keepAliveStyle ?? "comment",
		},
		keepAliveMs: options.keepAliveMs ?? 15_000,
		streamEndMs: options.streamEndMs ?? 60_000,
	});
	const listing = createProjectsRoute(context, projects);
	const server = await listen(
		createRouter([
			{
				pattern: /^\/stores\/([^/]+)\/v3\/infrastructure\/logs\/([^/]+)\/tail\/?$/,
				handle: (request, response, [hash, uuid]) => tail(request, response, hash ?? "", uuid ?? ""),
			},
			{
				pattern: /^\/stores\/([^/]+)\/v3\/infrastructure\/projects\/?$/,
				handle: (request, response, [hash], query) => listing(request, response, hash ?? "", query),
			},
		]),
		host,
		options.port ?? 0,
	);

	const stopTraffic = startTrafficPump({
		projectUuids: projects.map((project) => project.uuid),
		rate: options.rate ?? 2,
		seed: options.seed ?? 1,
		emit(projectUuid, at) {
			const generator = generators.get(projectUuid);
			if (!generator) return;
			// Generated even with no stream open: those events are lost, as with the real API.
			const event = generator.next(at);
			streams.broadcast(projectUuid, JSON.stringify(event), event.uuid as string);
		},
	});

	let closing: Promise<void> | undefined;
	return {
		origin: server.origin,
		port: server.port,
		storeHash: context.storeHash,
		get token() {
			return token;
		},
		projects,
		fault: (projectUuid, rule) => faults.add(projectUuid, rule),
		clearFaults: () => faults.clear(),
		push(projectUuid, event) {
			const data = typeof event === "string" ? event : JSON.stringify(event);
			return streams.broadcast(projectUuid, data, uuidOf(event));
		},
		pushRaw: (projectUuid, bytes) => streams.pushRaw(projectUuid, bytes),
		sent: (projectUuid) => streams.sent(projectUuid),
		openStreams: (projectUuid) => streams.count(projectUuid),
		requests: (projectUuid) => tailRequests.get(projectUuid),
		endStreams: (projectUuid) => streams.end(projectUuid),
		setToken(next) {
			token = next;
		},
		close() {
			closing ??= (async () => {
				stopTraffic();
				streams.destroyAll();
				await server.close();
			})();
			return closing;
		},
	};
}
