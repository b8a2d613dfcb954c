/**
 * The soak's server side, in a child process of its own (forked by `bench/soak.js`), so the
 * emulator's bookkeeping (it remembers every uuid it sent) and CPU do not count against bctail:
 * the emulator, the traffic, the fat events, the faults in rotation, and the request counts.
 *
 * Options come as JSON in `SOAK_OPTIONS`; it talks to the parent over IPC: `ready` once listening,
 * `fault` at each fault, `window` at the end of each hostile window; it answers `progress`, `stop`
 * (traffic off, then the digests of what was sent) and `close`.
 */
import { createEmulator } from "../../dist/emulator/emulator.js";
import { createTrafficGenerator } from "../../dist/emulator/traffic.js";
import { startTrafficPump } from "../../dist/emulator/traffic-pump.js";
import { Digest, faults, projects } from "./soak-plan.js";

const options = JSON.parse(process.env.SOAK_OPTIONS ?? "{}");
const send = (message) => process.send?.(message);

const emulator = await createEmulator({
	rate: 0,
	projects,
	keepAliveMs: 1000,
	streamEndMs: options.streamEndMs,
	// Fat events go to the streams but not into the history log: the child stays small.
	historyMaxEventBytes: 64 * 1024,
});

// Generated here (not by the emulator's own pump) so the traffic can be stopped for the final count.
const generators = new Map(
	projects.map((project) => [
		project.uuid,
		createTrafficGenerator(7, project.uuid, { hostile: false, hostnames: project.hostnames }),
	]),
);
let generated = 0;
let fatSent = 0;
const stopTraffic = startTrafficPump({
	projectUuids: projects.map((project) => project.uuid),
	rate: options.rate / projects.length,
	seed: 7,
	emit(projectUuid, at) {
		const event = generators.get(projectUuid)?.next(at);
		if (event === undefined) return;
		generated += 1;
		emulator.push(projectUuid, event);
	},
});

/**
 * A generated event with one more log line of `bytes` characters: a dumped payload, as a worker
 * that logs a whole cart or response does. Each differs (its own uuid and counter).
 */
function fatEvent(projectUuid, n) {
	const event = generators.get(projectUuid).next(Date.now());
	const unit = `{"sku":"SKU-${n}","qty":2,"price":{"amount":1999,"currency":"USD"},"tags":["sale","soak"]},`;
	const message = `cart dump ${n}: [${unit.repeat(Math.ceil(options.fatBytes / unit.length))}]`;
	const log = { timestamp: event.timestamp, level: "info", messages: [message] };
	return { ...event, logs: [...(Array.isArray(event.logs) ? event.logs : []), log] };
}
let fatIndex = 0;
const fatTimer = setInterval(() => {
	const project = projects[fatIndex % projects.length];
	fatIndex += 1;
	generated += 1;
	if (emulator.push(project.uuid, fatEvent(project.uuid, fatIndex)) > 0) fatSent += 1;
}, options.fatEveryMs);

/** Stream requests per project in each 10 s bucket, from the start. */
const buckets = new Map(projects.map((project) => [project.uuid, []]));
let lastCounts = projects.map((project) => emulator.requests(project.uuid));
const bucketTimer = setInterval(() => {
	const counts = projects.map((project) => emulator.requests(project.uuid));
	for (const [i, project] of projects.entries()) buckets.get(project.uuid).push(counts[i] - lastCounts[i]);
	lastCounts = counts;
}, 10_000);

/** Every request of `project` gets the fault for `windowMs` from the first one; then its count. */
function hostileWindow(fault, project) {
	const before = emulator.requests(project.uuid);
	emulator.fault(project.uuid, { ...fault.rule, times: Number.POSITIVE_INFINITY });
	const waitedSince = Date.now();
	const poll = setInterval(() => {
		const first = emulator.requests(project.uuid);
		if (first === before) {
			// No request for a whole fault interval (a stream ends every few seconds): said, as a miss.
			if (Date.now() - waitedSince < options.faultEveryMs) return;
			clearInterval(poll);
			emulator.clearFaults(project.uuid);
			send({ type: "window", name: fault.name, project: project.name, requests: null, ms: options.windowMs });
			return;
		}
		clearInterval(poll);
		const timer = setTimeout(() => {
			emulator.clearFaults(project.uuid);
			// The first faulted request is `before + 1`: the window holds it and every one after.
			const requests = emulator.requests(project.uuid) - before;
			send({ type: "window", name: fault.name, project: project.name, requests, ms: options.windowMs });
		}, options.windowMs);
		windowTimers.add(timer);
	}, 20);
	windowTimers.add(poll);
}
const windowTimers = new Set();

let faultIndex = 0;
const faultTimer = setInterval(() => {
	const fault = faults[faultIndex % faults.length];
	const project = projects[faultIndex % projects.length];
	faultIndex += 1;
	if (fault.window) hostileWindow(fault, project);
	else emulator.fault(project.uuid, fault.rule);
	send({ type: "fault", name: fault.name, project: project.name });
}, options.faultEveryMs);

// The parent gone (finished or killed): nothing left to serve.
process.on("disconnect", () => process.exit(0));
send({ type: "ready", origin: emulator.origin, storeHash: emulator.storeHash, token: emulator.token });

const totalSent = () => projects.reduce((sum, project) => sum + emulator.sent(project.uuid).length, 0);
process.on("message", async (message) => {
	if (message.type === "progress") {
		send({ type: "progress", sent: totalSent(), generated, fatSent });
	} else if (message.type === "stop") {
		stopTraffic();
		for (const timer of [fatTimer, faultTimer, bucketTimer, ...windowTimers]) clearInterval(timer);
		emulator.clearFaults();
		// Frames already written are on their way; nothing new is written from here on.
		const digests = {};
		for (const project of projects) {
			const digest = new Digest();
			for (const uuid of emulator.sent(project.uuid)) digest.add(uuid);
			digests[project.uuid] = digest.toJSON();
		}
		send({ type: "sent", digests, generated, fatSent, buckets: Object.fromEntries(buckets) });
	} else if (message.type === "close") {
		await emulator.close();
		process.exit(0);
	}
});
