/**
 * Turns the `data` of one tail frame into a `TailEvent`. Lenient by design (see api.md): the API is
 * pre-release, so anything that is an object with a uuid is shown, with missing or odd fields given
 * neutral values instead of rejecting the event. Every string an event hands out is sanitized.
 *
 * This is the ingest hot path (150k+ events/s in line mode), and JSON.parse is most of its cost, so it
 * does as little else as it can: it reads and validates only `uuid`, `project_uuid` and `timestamp`,
 * reuses `data` as the event's `json` when it is already safe one-line JSON (`json-line.ts`), and leaves
 * `request`, `logs` and `exceptions` to be normalized on first access (`lazy-event.ts`). The store calls
 * `compactEvent` once it has built its rows, so what it keeps is compact.
 */
import { parseTime } from "./iso-time.js";
import { isSafeJsonLine } from "./json-line.js";
import { LazyEvent } from "./lazy-event.js";
import { isObject } from "./normalize-fields.js";
import { safeJsonStringify } from "./safe-json.js";
import { sanitize } from "./sanitize.js";
import type { TailEvent } from "./types.js";

export { compactEvent } from "./lazy-event.js";

export type ParseResult = { ok: true; event: TailEvent } | { ok: false; cause: "json" | "shape" };

const notJson: ParseResult = Object.freeze({ ok: false, cause: "json" });
const badShape: ParseResult = Object.freeze({ ok: false, cause: "shape" });

/**
 * Project uuids seen lately, so the events of one project share one string instead of each holding its
 * own copy (JSON.parse makes a new string per event). project_uuid comes from the network, so the set
 * starts over past a small size instead of growing.
 */
const projectUuids = new Map<string, string>();
const projectUuidsLimit = 64;

function projectUuidOf(raw: unknown, fallback: string): string {
	const text = typeof raw === "string" && raw !== "" ? raw : fallback;
	if (text === fallback) return sanitize(fallback);
	let shared = projectUuids.get(text);
	if (shared === undefined) {
		if (projectUuids.size >= projectUuidsLimit) projectUuids.clear();
		shared = sanitize(text);
		projectUuids.set(text, shared);
	}
	return shared;
}

/**
 * Parses the `data` of one tail frame.
 * @param data the frame's data: one JSON event
 * @param fallbackProjectUuid the project whose stream delivered it, used when `project_uuid` is absent
 * @param receivedAt when it arrived (ms since the epoch); the event's time when it has no valid timestamp
 * @returns the event, or why it was skipped: `json` when not JSON, `shape` when not an object with a
 *   non-empty string `uuid` (after sanitizing)
 * @param knownSafe the caller has established (from the bytes, see `SafeBytes`) that `data` is one line
 *   with nothing `isSafeJsonLine` rejects, so it need not be scanned again; false: check it here
 */
export function parseEvent(
	data: string,
	fallbackProjectUuid: string,
	receivedAt: number,
	knownSafe = false,
): ParseResult {
	let parsed: unknown;
	try {
		parsed = JSON.parse(data);
	} catch {
		return notJson;
	}
	if (!isObject(parsed) || typeof parsed.uuid !== "string") return badShape;
	const uuid = sanitize(parsed.uuid);
	if (uuid === "") return badShape;
	const projectUuid = projectUuidOf(parsed.project_uuid, fallbackProjectUuid);
	const reuse = knownSafe || isSafeJsonLine(data);
	const json = reuse ? data : safeJsonStringify(parsed);
	const event = new LazyEvent(
		parsed,
		uuid,
		projectUuid,
		receivedAt,
		parseTime(parsed.timestamp),
		json,
		!reuse,
	);
	return { ok: true, event };
}
