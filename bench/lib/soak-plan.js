/**
 * What the soak runs (`bench/soak.js`): its projects, its faults in rotation, and the digest both
 * sides compute over uuids. Shared by the soak, its emulator child and its slow-reader child.
 */

/** The panes of the in-process bctail (store + stream clients, as the TUI wires them). */
export const paneProjects = [
	{ uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a5001", name: "soak-production", hostnames: ["a.soak.example"] },
	{ uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a5002", name: "soak-preview", hostnames: ["b.soak.example"] },
	{ uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a5003", name: "soak-outlet", hostnames: ["c.soak.example"] },
	{ uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a5004", name: "soak-wholesale", hostnames: ["d.soak.example"] },
];

/** The project the line-mode CLI tails, its stdout read by a reader that stalls. */
export const lineProject = {
	uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a5005",
	name: "soak-line",
	hostnames: ["e.soak.example"],
};

/** Every project the emulator serves; traffic, fat events and faults go round all of them. */
export const projects = [...paneProjects, lineProject];

/**
 * A stream the server ends before this much life ended early (the clients' `minStreamMs`): half of
 * the soak's routine stream end (5 s), far above what the end-early fault's streams live.
 */
export const minStreamMs = 2500;

/** The client's promise for streams that end early: never under this between two attempts. */
export const minReconnectMs = 1000;

/**
 * The faults, in rotation. A plain fault applies to the next stream request(s) of one project; a
 * `window` fault (issue 13's servers that would make a naive client hammer the API) is a hostile
 * server for `--window` seconds: every stream request of the project gets it
 * (the window starts at the first such request), and its requests are counted.
 */
export const faults = [
	{ name: "torn", rule: { fault: { kind: "torn" } } },
	{
		name: "429 Reset-Ms 0",
		window: true,
		rule: { fault: { kind: "status", status: 429, headers: { "X-Rate-Limit-Time-Reset-Ms": "0" } } },
	},
	{ name: "stall", rule: { fault: { kind: "stall" } } },
	{
		name: "ends after a keep-alive",
		window: true,
		rule: { fault: { kind: "end-early", after: "keep-alive" } },
	},
	{ name: "503 burst", rule: { fault: { kind: "status", status: 503 }, times: 3 } },
	{
		name: "429 Retry-After 0",
		window: true,
		rule: { fault: { kind: "status", status: 429, headers: { "Retry-After": "0" } } },
	},
	{
		name: "429",
		rule: { fault: { kind: "status", status: 429, headers: { "X-Rate-Limit-Time-Reset-Ms": "2000" } } },
	},
	{ name: "ends after an event", window: true, rule: { fault: { kind: "end-early", after: "event" } } },
	{ name: "replay", rule: { fault: { kind: "replay" } } },
	{
		name: "200 text/html",
		rule: {
			fault: {
				kind: "status",
				status: 200,
				headers: { "Content-Type": "text/html" },
				body: "<html>login</html>",
			},
		},
	},
	{ name: "reset", rule: { fault: { kind: "reset" } } },
];

/** Two 32-bit hashes of a string (FNV-1a and djb2), for the digests. */
function hashes(text) {
	let fnv = 0x811c9dc5;
	let djb = 5381;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		fnv = Math.imul(fnv ^ code, 0x01000193);
		djb = (Math.imul(djb, 33) + code) | 0;
	}
	return [fnv >>> 0, djb >>> 0];
}

/** An order-independent summary of a set of uuids: count, two hash sums mod 2^32, an xor. */
export class Digest {
	count = 0;
	sumA = 0;
	sumB = 0;
	xor = 0;
	/** @param {string} uuid */
	add(uuid) {
		const [a, b] = hashes(uuid);
		this.count += 1;
		this.sumA = (this.sumA + a) >>> 0;
		this.sumB = (this.sumB + b) >>> 0;
		this.xor = (this.xor ^ a) >>> 0;
	}
	toJSON() {
		return { count: this.count, sumA: this.sumA, sumB: this.sumB, xor: this.xor };
	}
}

/**
 * Uuids seen lately, to count duplicates directly. Server replays reach at most 1,000 events back: a
 * window of 10,000 sees any duplicate they cause.
 */
export class RecentUuids {
	#set = new Set();
	#order = [];
	duplicates = 0;
	/** @param {string} uuid */
	add(uuid) {
		if (this.#set.has(uuid)) this.duplicates += 1;
		this.#set.add(uuid);
		this.#order.push(uuid);
		if (this.#order.length > 10_000) this.#set.delete(this.#order.shift());
	}
}

/**
 * A child process's request/reply over IPC: `reply(type)` resolves with the next message of that
 * type, whether it already arrived or not; `other` gets the messages nobody waits for by type.
 * @param {import("node:child_process").ChildProcess} child
 * @param {(message: any) => boolean} [other]  true when it took the message
 */
export function replies(child, other = () => false) {
	const queued = [];
	const waiters = [];
	child.on("message", (message) => {
		if (other(message)) return;
		const waiter = waiters.findIndex((entry) => entry.type === message.type);
		if (waiter === -1) queued.push(message);
		else waiters.splice(waiter, 1)[0].resolve(message);
	});
	/** @param {string} type */
	return (type) =>
		new Promise((resolve) => {
			const index = queued.findIndex((message) => message.type === type);
			if (index !== -1) resolve(queued.splice(index, 1)[0]);
			else waiters.push({ type, resolve });
		});
}
