/**
 * Everything the emulator's routes and its public handle share: the store context, the streams,
 * the fault queues, the request counters, the history log and the outages. Recording an event in
 * the history log, generated or pushed, goes through here.
 */
import type { ProjectInfo } from "../model/types.js";
import { FaultQueue } from "./faults.js";
import { HistoryLog } from "./history-log.js";
import { OpenStreams } from "./open-streams.js";
import { type EmulatorContext, RequestCounter } from "./project-request.js";
import { defaultStoreHash, defaultToken, demoProjects } from "./projects.js";
import { createTrafficGenerator, type TrafficGenerator } from "./traffic.js";
import type { EmulatorOptions, Fault, HistoryFault } from "./types.js";

export interface EmulatorState {
	readonly projects: readonly ProjectInfo[];
	readonly context: EmulatorContext;
	setToken(token: string): void;
	readonly generators: ReadonlyMap<string, TrafficGenerator>;
	readonly streams: OpenStreams;
	readonly faults: FaultQueue<Fault>;
	readonly historyFaults: FaultQueue<HistoryFault>;
	readonly tailRequests: RequestCounter;
	readonly historyRequests: RequestCounter;
	readonly history: HistoryLog;
	readonly outages: Set<string>;
	/** Records an event of the project in the history log at `at` (ms; default now). */
	record(projectUuid: string, event: Record<string, unknown>, generated: boolean, at?: number): void;
}

/** One seeded traffic generator per project. */
function createGenerators(projects: readonly ProjectInfo[], options: EmulatorOptions) {
	const generators = new Map<string, TrafficGenerator>();
	for (const project of projects) {
		const traffic = { hostile: options.hostile === true, hostnames: project.hostnames };
		generators.set(project.uuid, createTrafficGenerator(options.seed ?? 1, project.uuid, traffic));
	}
	return generators;
}

export function createEmulatorState(options: EmulatorOptions): EmulatorState {
	let token = options.token ?? defaultToken;
	const projects: readonly ProjectInfo[] = options.projects ?? demoProjects;
	const history = new HistoryLog({
		limit: Math.max(1, options.historyLimit ?? 100_000),
		seed: options.seed ?? 1,
		untypedShare: options.historyUntypedShare ?? 0.1,
	});
	return {
		projects,
		context: {
			storeHash: options.storeHash ?? defaultStoreHash,
			token: () => token,
			projectsByUuid: new Map(projects.map((project) => [project.uuid.toLowerCase(), project])),
		},
		setToken(next) {
			token = next;
		},
		generators: createGenerators(projects, options),
		streams: new OpenStreams(),
		faults: new FaultQueue<Fault>(),
		historyFaults: new FaultQueue<HistoryFault>(),
		tailRequests: new RequestCounter(),
		historyRequests: new RequestCounter(),
		history,
		outages: new Set<string>(),
		record(projectUuid, event, generated, at = Date.now()) {
			history.record(projectUuid, event, at, generated);
		},
	};
}
