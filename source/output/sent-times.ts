/**
 * The timestamps of an event as the server sent them, for line mode: catalyst prints
 * `2024-06-15T10:30:00Z` and `.5Z` as they are, and scripts that compare bctail's lines with
 * catalyst's must see the same text. The model keeps times as milliseconds (the TUI needs numbers), so
 * the strings are read again from the event's JSON; only text formats pay for that parse.
 */
import { sanitizeOneLine } from "../model/sanitize.js";
import type { TailEvent } from "../model/types.js";

export interface SentTimes {
	/** The event's `timestamp`, or null when it had no valid one. */
	readonly event: string | null;
	/** Per log (same order as `event.logs`): its `timestamp`, or null. */
	readonly logs: readonly (string | null)[];
	/** Per exception (same order as `event.exceptions`): its `timestamp`, or null. */
	readonly exceptions: readonly (string | null)[];
}

const none: SentTimes = { event: null, logs: [], exceptions: [] };

/** A string timestamp made safe for one terminal line (it comes from the network), else null. */
function textOf(value: unknown): string | null {
	if (typeof value !== "string") return null;
	const safe = sanitizeOneLine(value).trim();
	return safe === "" ? null : safe;
}

function timesOf(list: unknown): (string | null)[] {
	if (!Array.isArray(list)) return [];
	return list.map((item: unknown) =>
		typeof item === "object" && item !== null ? textOf((item as { timestamp?: unknown }).timestamp) : null,
	);
}

/**
 * Reads the sent timestamps of `event`. A time the model could not read (`time` null) is not used by
 * the caller, so an odd string here never replaces the fallback.
 */
export function sentTimes(event: TailEvent): SentTimes {
	let value: unknown;
	try {
		value = JSON.parse(event.json);
	} catch {
		return none;
	}
	if (typeof value !== "object" || value === null) return none;
	const record = value as Record<string, unknown>;
	return {
		event: event.timeMissing ? null : textOf(record.timestamp),
		logs: timesOf(record.logs),
		exceptions: timesOf(record.exceptions),
	};
}
