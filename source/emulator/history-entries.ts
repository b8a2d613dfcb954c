/**
 * Flattens one live tail event into the history entries the real API keeps for it, exactly as the
 * shared history contract says: a request row when there is a request, then each log in order,
 * then each exception. The client's fingerprints and grouping assume these shapes.
 */
import type { HistoryEntry, HistoryRequest } from "./types.js";

/** One flattened entry with what the history log sorts and filters on. */
export interface FlatEntry {
	/** Its time (ms): its own timestamp, else the event's, else when it was recorded. */
	readonly at: number;
	/** What it is, whatever `entry_type` the entry shows (some omit it). */
	readonly kind: "request" | "log";
	readonly entry: HistoryEntry;
}

const recordOf = (value: unknown): Record<string, unknown> | null =>
	typeof value === "object" && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: null;

const timestampOf = (value: unknown): string | null => (typeof value === "string" ? value : null);

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function requestOf(value: unknown): HistoryRequest | null {
	const request = recordOf(value);
	if (!request) return null;
	return { method: request.method, url: request.url, status_code: request.status_code };
}

/** Date.parse of an ISO timestamp, or `fallback` when it is missing or invalid. */
function timeOf(timestamp: string | null, fallback: number): number {
	const ms = timestamp === null ? Number.NaN : Date.parse(timestamp);
	return Number.isFinite(ms) ? ms : fallback;
}

/** The entries of `event`, recorded at `now` (ms). Fields that are not of the expected shape are skipped. */
export function flattenEvent(event: Readonly<Record<string, unknown>>, now: number): FlatEntry[] {
	const eventTimestamp = timestampOf(event.timestamp);
	const eventAt = timeOf(eventTimestamp, now);
	const request = requestOf(event.request);
	const entries: FlatEntry[] = [];
	if (request) {
		entries.push({
			at: eventAt,
			kind: "request",
			entry: {
				timestamp: eventTimestamp,
				entry_type: "request",
				level: "info",
				messages: [`${String(request.method)} ${String(request.url)}`],
				is_exception: false,
				request,
			},
		});
	}
	for (const log of listOf(event.logs).map(recordOf)) {
		if (!log) continue;
		const timestamp = timestampOf(log.timestamp);
		entries.push({
			at: timeOf(timestamp, eventAt),
			kind: "log",
			entry: {
				timestamp,
				entry_type: "log",
				level: log.level ?? "info",
				messages: listOf(log.messages),
				is_exception: false,
				request,
			},
		});
	}
	for (const exception of listOf(event.exceptions).map(recordOf)) {
		if (!exception) continue;
		const timestamp = timestampOf(exception.timestamp);
		const name = String(exception.name);
		entries.push({
			at: timeOf(timestamp, eventAt),
			kind: "log",
			entry: {
				timestamp,
				entry_type: "log",
				level: "error",
				messages: [`${name}: ${String(exception.message)}`],
				is_exception: true,
				exception_name: name,
				request,
			},
		});
	}
	return entries;
}
