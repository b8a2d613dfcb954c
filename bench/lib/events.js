/**
 * Normalized events (`TailEvent`, as the stream client hands them to the store) from the emulator's
 * generator, for the in-process harnesses that feed the store directly.
 */
import { parseEvent } from "../../dist/model/normalize.js";
import { generateEvents } from "./traffic.js";

/**
 * @param {string} projectUuid
 * @param {number} count
 * @param {number} [seed]
 * @returns {Generator<import("../../dist/model/types.js").TailEvent>}
 */
export function* tailEvents(projectUuid, count, seed = 7) {
	const now = Date.now();
	for (const raw of generateEvents(projectUuid, count, seed)) {
		const result = parseEvent(JSON.stringify(raw), projectUuid, now);
		if (result.ok) yield result.event;
	}
}
