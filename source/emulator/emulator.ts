/**
 * The emulator of the BigCommerce Infrastructure Hosting endpoints bctail uses: a real node:http
 * server on loopback serving the Tail Worker Logs stream, the history endpoint and the projects
 * listing, with generated traffic and injectable faults. Tests, `--demo` and the benchmarks run
 * against it. This file only assembles the parts: state, routes, server and traffic each live in
 * their own module.
 */
import { isLoopbackHost } from "../stream/loopback.js";
import { createRouter, type Route } from "./emulator-router.js";
import { listen } from "./emulator-server.js";
import { createEmulatorState, type EmulatorState } from "./emulator-state.js";
import { createHistoryRoute } from "./history-route.js";
import { seedHistory } from "./history-seed.js";
import { createProjectsRoute } from "./projects-route.js";
import { eventObject, uuidOf } from "./pushed-event.js";
import { createTailRoute } from "./tail-route.js";
import { startTrafficPump } from "./traffic-pump.js";
import type { Emulator, EmulatorOptions } from "./types.js";

const storePath = "^/stores/([^/]+)/v3/infrastructure";

/** The endpoints, in the order the router tries them. */
function createRoutes(state: EmulatorState, options: EmulatorOptions): Route[] {
	const tail = createTailRoute({
		context: state.context,
		counter: state.tailRequests,
		faults: state.faults,
		streams: state.streams,
		generators: state.generators,
		style: {
			framing: options.framing ?? "message",
			lineEnding: options.lineEnding ?? "\n",
			keepAliveStyle: options.keepAliveStyle ?? "comment",
		},
		keepAliveMs: options.keepAliveMs ?? 15_000,
		streamEndMs: options.streamEndMs ?? 60_000,
		outages: state.outages,
		onGenerated: (projectUuid, event) => state.record(projectUuid, event, true),
	});
	const history = createHistoryRoute({
		context: state.context,
		counter: state.historyRequests,
		faults: state.historyFaults,
		log: state.history,
		pagination: options.historyPagination ?? "both",
	});
	const listing = createProjectsRoute(state.context, state.projects);
	return [
		{
			pattern: new RegExp(`${storePath}/logs/([^/]+)/tail/?$`),
			handle: (request, response, [hash, uuid]) => tail(request, response, hash ?? "", uuid ?? ""),
		},
		{
			pattern: new RegExp(`${storePath}/logs/([^/]+)/?$`),
			handle: (request, response, [hash, uuid], query) =>
				history(request, response, hash ?? "", uuid ?? "", query),
		},
		{
			pattern: new RegExp(`${storePath}/projects/?$`),
			handle: (request, response, [hash], query) => listing(request, response, hash ?? "", query),
		},
	];
}

/** Generated traffic: the past (`historySeedMs`) at once, then live, every event into the history log. */
function startTraffic(state: EmulatorState, options: EmulatorOptions): () => void {
	const rate = options.rate ?? 2;
	const seed = options.seed ?? 1;
	seedHistory({
		generators: state.generators,
		rate,
		seed,
		spanMs: options.historySeedMs ?? 0,
		now: Date.now(),
		record: (projectUuid, event, at) => state.record(projectUuid, event, true, at),
	});
	return startTrafficPump({
		projectUuids: state.projects.map((project) => project.uuid),
		rate,
		seed,
		emit(projectUuid, at) {
			const generator = state.generators.get(projectUuid);
			if (!generator) return;
			// Generated even with no stream open: the tail loses it, the history log keeps it.
			const event = generator.next(at);
			state.record(projectUuid, event, true, at);
			state.streams.broadcast(projectUuid, JSON.stringify(event), event.uuid as string);
		},
	});
}

/**
 * Starts an emulator and resolves once it listens. Rejects for a non-loopback `host` or a port in use.
 */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const host = options.host ?? "127.0.0.1";
	if (!isLoopbackHost(host)) throw new Error(`the emulator listens on loopback only, not on ${host}`);
	const state = createEmulatorState(options);
	const { streams, history } = state;
	const maxHistoryEventBytes = options.historyMaxEventBytes ?? 1024 * 1024;
	const server = await listen(createRouter(createRoutes(state, options)), host, options.port ?? 0);
	const stopTraffic = startTraffic(state, options);
	let closing: Promise<void> | undefined;
	return {
		origin: server.origin,
		port: server.port,
		storeHash: state.context.storeHash,
		get token() {
			return state.context.token();
		},
		projects: state.projects,
		fault: (projectUuid, rule) => state.faults.add(projectUuid, rule),
		clearFaults(projectUuid) {
			state.faults.clear(projectUuid);
			state.historyFaults.clear(projectUuid);
		},
		historyFault: (projectUuid, rule) => state.historyFaults.add(projectUuid, rule),
		outage(projectUuid, on) {
			if (!on) return void state.outages.delete(projectUuid);
			state.outages.add(projectUuid);
			streams.end(projectUuid);
		},
		historyRequests: (projectUuid) => state.historyRequests.get(projectUuid),
		historyQueries: (projectUuid) => state.historyRequests.queries(projectUuid),
		history: (projectUuid) => history.newestFirst(projectUuid),
		push(projectUuid, event) {
			const data = typeof event === "string" ? event : JSON.stringify(event);
			// A huge event (a memory test's) is not kept, so the emulator does not hold it for good.
			const object = data.length <= maxHistoryEventBytes ? eventObject(event) : null;
			if (object) state.record(projectUuid, object, false);
			return streams.broadcast(projectUuid, data, uuidOf(event));
		},
		pushRaw: (projectUuid, bytes) => streams.pushRaw(projectUuid, bytes),
		sent: (projectUuid) => streams.sent(projectUuid),
		openStreams: (projectUuid) => streams.count(projectUuid),
		requests: (projectUuid) => state.tailRequests.get(projectUuid),
		endStreams: (projectUuid) => streams.end(projectUuid),
		setToken: (next) => state.setToken(next),
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
