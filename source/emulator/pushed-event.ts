/**
 * What the emulator can learn from an event handed to `push`: a JSON-able object or a raw `data`
 * string. The sent log wants its uuid, the history log wants the object itself.
 */

/** The event as an object, when it is one (or a string holding a JSON object); else null. */
export function eventObject(event: unknown): Record<string, unknown> | null {
	let value = event;
	if (typeof value === "string") {
		try {
			value = JSON.parse(value);
		} catch {
			return null;
		}
	}
	if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
	return value as Record<string, unknown>;
}

/** The event's `uuid` when it is a string; null otherwise. */
export function uuidOf(event: unknown): string | null {
	const uuid = eventObject(event)?.uuid;
	return typeof uuid === "string" ? uuid : null;
}
