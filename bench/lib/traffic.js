/**
 * The bytes every measure reads: one project's SSE stream (or an NDJSON recording) built once from
 * the emulator's seeded traffic generator, so bctail and its reference read exactly the same input.
 */
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, readdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTrafficGenerator } from "../../dist/emulator/traffic.js";

/** A fixed start time: the streams are reproducible byte for byte. */
const baseTime = Date.UTC(2026, 2, 1, 12, 0, 0);

/**
 * Event objects of one project, as the API would send them, a few milliseconds apart.
 * @param {string} projectUuid
 * @param {number} count
 * @param {number} [seed]
 * @returns {Generator<Record<string, unknown>>}
 */
export function* generateEvents(projectUuid, count, seed = 7) {
	const generator = createTrafficGenerator(seed, projectUuid);
	for (let i = 0; i < count; i++) yield generator.next(baseTime + i * 3);
}

/**
 * @typedef {object} BuiltStream
 * @property {Buffer} bytes  the whole stream: `event: message` + `data:` frames, LF line endings
 * @property {Float64Array} ends  ends[i] = byte offset just after frame i (for segmenting and pacing)
 * @property {number} count
 */

/**
 * One project's stream of `count` events in the framing the spec shows.
 * @param {string} projectUuid
 * @param {number} count
 * @param {number} [seed]
 * @returns {BuiltStream}
 */
export function buildStream(projectUuid, count, seed = 7) {
	const parts = [];
	const ends = new Float64Array(count);
	let offset = 0;
	let i = 0;
	for (const event of generateEvents(projectUuid, count, seed)) {
		// The generator never puts a raw newline in JSON (JSON.stringify escapes them), so one data line.
		const frame = Buffer.from(`event: message\ndata: ${JSON.stringify(event)}\n\n`);
		parts.push(frame);
		offset += frame.length;
		ends[i++] = offset;
	}
	return { bytes: Buffer.concat(parts, offset), ends, count };
}

/**
 * A fingerprint of the generator's code (every emulator module: the generator is spread over several),
 * so a cached recording is rebuilt when any of them changes.
 */
function generatorVersion() {
	const dir = new URL("../../dist/emulator/", import.meta.url);
	const hash = createHash("sha256");
	for (const name of readdirSync(dir)
		.filter((file) => file.endsWith(".js"))
		.sort()) {
		hash.update(name).update(readFileSync(new URL(name, dir)));
	}
	return hash.digest("hex").slice(0, 12);
}

/**
 * An NDJSON recording of `count` events (one project), built once per generator version into a cache
 * folder under the temporary directory and reused by later runs.
 * @param {number} count
 * @returns {Promise<{ path: string, bytes: number }>}
 */
export async function ndjsonFile(count) {
	const folder = join(tmpdir(), "bctail-bench");
	await mkdir(folder, { recursive: true });
	const path = join(folder, `replay-${count}-${generatorVersion()}.ndjson`);
	if (!existsSync(path)) {
		const partial = `${path}.partial`;
		const out = createWriteStream(partial);
		let batch = "";
		let n = 0;
		for (const event of generateEvents("0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1001", count)) {
			batch += `${JSON.stringify(event)}\n`;
			if (++n % 2000 === 0) {
				if (!out.write(batch)) await new Promise((resolve) => out.once("drain", resolve));
				batch = "";
			}
		}
		out.end(batch);
		await new Promise((resolve, reject) => {
			out.on("finish", resolve);
			out.on("error", reject);
		});
		renameSync(partial, path);
	}
	return { path, bytes: statSync(path).size };
}
