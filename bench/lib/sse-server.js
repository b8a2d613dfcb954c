/**
 * A tiny tail server for the benchmarks: it serves pre-built stream bytes at the real tail path, as
 * fast as the socket takes them (64 KiB writes), or paced, or cut into segments that end the
 * response after N events and go on with the next events on the next connection (the 60 s stream
 * end). Once a project's bytes are all served, further connections get keep-alives only, so a client
 * that reconnects forever just waits. Loopback only.
 */
import { once } from "node:events";
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { performance } from "node:perf_hooks";

/**
 * @typedef {import("./traffic.js").BuiltStream} BuiltStream
 * @typedef {object} ServerOptions
 * @property {Map<string, BuiltStream>} streams  per project uuid
 * @property {string} storeHash
 * @property {string} token
 * @property {{ key: string | Buffer, cert: string | Buffer }} [tls]  serve https
 * @property {number} [segmentEvents]  end each response after this many events
 * @property {{ ratePerProject: number, events: number }} [pace]  the first `events` of each project at this rate
 * @property {number} [chunkBytes]  default 64 KiB
 */

/**
 * @typedef {object} ProjectLog
 * @property {number} next  index of the next event to serve
 * @property {number} connections
 * @property {number | null} firstRequestAt  performance.now() of the first request
 * @property {number | null} pacedEndAt  when the paced part was all written
 * @property {number | null} lastByteAt  when the last event byte was written
 */

/**
 * Resolves on `drain` or `close`, and leaves no listener behind (there is one wait per 64 KiB).
 * @param {import("node:http").ServerResponse} res
 */
function drained(res) {
	return new Promise((resolve) => {
		const done = () => {
			res.off("drain", done);
			res.off("close", done);
			resolve(undefined);
		};
		res.on("drain", done);
		res.on("close", done);
	});
}

/** @param {ServerOptions} options */
export async function startSseServer(options) {
	const chunkBytes = options.chunkBytes ?? 65_536;
	/** @type {Map<string, ProjectLog>} */
	const logs = new Map();
	for (const uuid of options.streams.keys()) {
		logs.set(uuid, { next: 0, connections: 0, firstRequestAt: null, pacedEndAt: null, lastByteAt: null });
	}
	/** @type {Set<() => void>} */
	const stoppers = new Set();
	/** Hooks a measure can set: called with (uuid, performance.now()) on every tail request. */
	/** @type {((uuid: string, at: number) => void) | null} */
	let onRequest = null;

	/** @param {import("node:http").ServerResponse} res @param {Buffer} bytes */
	const write = async (res, bytes) => {
		for (let at = 0; at < bytes.length; at += chunkBytes) {
			if (res.destroyed) return false;
			if (!res.write(bytes.subarray(at, Math.min(bytes.length, at + chunkBytes)))) {
				await drained(res);
			}
		}
		return !res.destroyed;
	};

	/** @param {string} uuid @param {import("node:http").ServerResponse} res */
	const serve = async (uuid, res) => {
		const stream = /** @type {BuiltStream} */ (options.streams.get(uuid));
		const log = /** @type {ProjectLog} */ (logs.get(uuid));
		res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
		if (log.next >= stream.count) {
			// Nothing left: keep-alives until the client or the server goes away.
			res.write(": keep-alive\n\n");
			const timer = setInterval(() => res.write(": keep-alive\n\n"), 1000);
			const stop = () => {
				clearInterval(timer);
				res.destroy();
			};
			stoppers.add(stop);
			res.on("close", () => {
				clearInterval(timer);
				stoppers.delete(stop);
			});
			return;
		}
		const from = log.next;
		const to = Math.min(stream.count, from + (options.segmentEvents ?? stream.count));
		log.next = to;
		const start = (i) => (i === 0 ? 0 : /** @type {number} */ (stream.ends[i - 1]));
		let at = from;
		const pace = options.pace;
		if (pace && at < pace.events) {
			const pacedTo = Math.min(to, pace.events);
			const began = performance.now();
			const startIndex = at;
			while (at < pacedTo && !res.destroyed) {
				await new Promise((resolve) => setTimeout(resolve, 10));
				const due = Math.min(
					pacedTo,
					startIndex + Math.floor(((performance.now() - began) * pace.ratePerProject) / 1000),
				);
				if (due > at) {
					if (!(await write(res, stream.bytes.subarray(start(at), start(due))))) return;
					at = due;
				}
			}
			log.pacedEndAt = performance.now();
		}
		if (at < to && !(await write(res, stream.bytes.subarray(start(at), start(to))))) return;
		log.lastByteAt = performance.now();
		res.end();
	};

	/** @type {import("node:http").RequestListener} */
	const handler = (req, res) => {
		const url = new URL(req.url ?? "/", "http://127.0.0.1");
		const prefix = `/stores/${options.storeHash}/v3/infrastructure/`;
		if (req.headers["x-auth-token"] !== options.token) {
			res.writeHead(401, { "content-type": "application/json" });
			res.end(JSON.stringify({ status: 401, title: "Unauthorized", type: "about:blank", errors: {} }));
			return;
		}
		if (url.pathname === `${prefix}projects`) {
			const data = [...options.streams.keys()].map((uuid, i) => ({
				uuid,
				name: `bench-${i + 1}`,
				date_created: "2026-01-01T00:00:00Z",
				date_modified: "2026-01-01T00:00:00Z",
				deployment_hostnames: [],
			}));
			res.writeHead(200, { "content-type": "application/json" });
			res.end(
				JSON.stringify({
					data,
					meta: {
						cursor_pagination: {
							count: data.length,
							per_page: 50,
							start_cursor: null,
							end_cursor: null,
							links: { previous: null, next: null },
						},
					},
				}),
			);
			return;
		}
		const match = /^\/logs\/([0-9a-f-]{36})\/tail$/.exec(url.pathname.slice(prefix.length - 1));
		const uuid = match?.[1];
		const log = uuid === undefined ? undefined : logs.get(uuid);
		if (!url.pathname.startsWith(prefix) || uuid === undefined || log === undefined) {
			res.writeHead(404, { "content-type": "application/json" });
			res.end(JSON.stringify({ status: 404, title: "Not Found", type: "about:blank", errors: {} }));
			return;
		}
		const now = performance.now();
		log.connections += 1;
		log.firstRequestAt ??= now;
		onRequest?.(uuid, now);
		serve(uuid, res).catch(() => res.destroy());
	};

	const server = options.tls ? createHttpsServer({ ...options.tls }, handler) : createHttpServer(handler);
	server.listen(0, "127.0.0.1");
	await once(server, "listening");
	const address = /** @type {import("node:net").AddressInfo} */ (server.address());
	const port = address.port;
	return {
		port,
		/** `127.0.0.1:<port>` (bctail and catalyst read it as https) */
		hostPort: `127.0.0.1:${port}`,
		/** `http://127.0.0.1:<port>` */
		origin: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
		/** @param {string} uuid */
		log: (uuid) => /** @type {ProjectLog} */ (logs.get(uuid)),
		/** @param {((uuid: string, at: number) => void) | null} hook */
		setOnRequest(hook) {
			onRequest = hook;
		},
		async close() {
			for (const stop of stoppers) stop();
			server.closeAllConnections?.();
			server.close();
			await once(server, "close").catch(() => {});
		},
	};
}
