/**
 * One timed run of a tail client (bctail, the floor, the official client) against the bench server:
 * from the server seeing the first request to the output file holding every event line.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { start, waitForLines } from "./proc.js";
import { startSseServer } from "./sse-server.js";

/**
 * @typedef {object} ClientRun
 * @property {number} rate  events/s (NaN when it never delivered everything and no figure is meaningful)
 * @property {number} lines  event lines written
 * @property {number} [unique]  distinct event uuids in the output (with `countDelivered`)
 */

/**
 * @param {object} spec
 * @param {string} spec.who  a name for logs and the output file
 * @param {Map<string, import("./traffic.js").BuiltStream>} spec.streams
 * @param {import("../run.js").Context} spec.ctx
 * @param {(server: Awaited<ReturnType<typeof startSseServer>>) => string[]} spec.args  node arguments
 * @param {Record<string, string | undefined>} spec.env
 * @param {{ key: string, cert: string }} [spec.tls]
 * @param {number} [spec.segmentEvents]
 * @param {boolean} [spec.countDelivered]  parse the output afterwards and count distinct uuids
 * @param {number} [spec.stallMs]  give up when no line arrived for this long (a client that lost events)
 * @returns {Promise<ClientRun>}
 */
export async function runClient(spec) {
	const { ctx } = spec;
	const server = await startSseServer({
		streams: spec.streams,
		storeHash: ctx.storeHash,
		token: ctx.token,
		...(spec.tls ? { tls: spec.tls } : {}),
		...(spec.segmentEvents ? { segmentEvents: spec.segmentEvents } : {}),
	});
	const uuids = [...spec.streams.keys()];
	const total = [...spec.streams.values()].reduce((sum, stream) => sum + stream.count, 0);
	const out = join(ctx.tmp, `${spec.who}-${process.hrtime.bigint()}.out`);
	const run = start(spec.args(server), { env: spec.env, stdoutFile: out });
	try {
		const done = await waitForLines(out, total, {
			timeoutMs: ctx.timeoutMs(total),
			exited: run.exited,
			...(spec.stallMs ? { stallMs: spec.stallMs } : {}),
		});
		const began = Math.min(...uuids.map((uuid) => server.log(uuid).firstRequestAt ?? Number.NaN));
		const end = done.at ?? done.lastGrowthAt;
		if (done.at === null) {
			ctx.log(
				`  ${spec.who}: ${done.lines}/${total} event lines; stderr: ${run.stderr().trim().slice(-400)}`,
			);
		}
		/** @type {ClientRun} */
		const result = {
			rate: end === null ? Number.NaN : done.lines / ((end - began) / 1000),
			lines: done.lines,
		};
		if (spec.countDelivered) {
			await run.stop();
			const seen = new Set();
			for (const line of readFileSync(out, "utf8").split("\n")) {
				if (!line.startsWith("{")) continue;
				try {
					seen.add(JSON.parse(line).uuid);
				} catch {
					// a torn last line of a killed client: not delivered
				}
			}
			result.unique = seen.size;
		}
		return result;
	} finally {
		await run.stop();
		await server.close();
		rmSync(out, { force: true });
	}
}
