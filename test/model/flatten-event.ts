/**
 * A live tail event flattened into the history entries the log-query endpoint gives for it, written
 * from the shared contract (for tests only; the emulator has its own). `omitEntryType` leaves out
 * `entry_type` as some real entries do.
 */

type Json = Record<string, unknown>;

function objectOr(value: unknown): Json | null {
	return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

/** The flattened entries of one raw live event, oldest (request row) first as the contract lists them. */
export function flattenEvent(event: Json, omitEntryType: (index: number) => boolean = () => false): Json[] {
	const request = objectOr(event.request);
	const requestField =
		request === null ? null : { method: request.method, url: request.url, status_code: request.status_code };
	const out: Json[] = [];
	if (request !== null) {
		out.push({
			timestamp: event.timestamp ?? null,
			entry_type: "request",
			level: "info",
			messages: [`${String(request.method).toUpperCase()} ${String(request.url)}`],
			is_exception: false,
			request: requestField,
		});
	}
	for (const log of Array.isArray(event.logs) ? event.logs : []) {
		const l = objectOr(log) ?? {};
		out.push({
			timestamp: l.timestamp ?? null,
			entry_type: "log",
			level: l.level,
			messages: l.messages,
			is_exception: false,
			request: requestField,
		});
	}
	for (const exception of Array.isArray(event.exceptions) ? event.exceptions : []) {
		const e = objectOr(exception) ?? {};
		out.push({
			timestamp: e.timestamp ?? null,
			entry_type: "log",
			level: "error",
			messages: [`${String(e.name)}: ${String(e.message)}`],
			is_exception: true,
			exception_name: e.name,
			request: requestField,
		});
	}
	return out.map((entry, index) => {
		if (!omitEntryType(index)) return entry;
		const { entry_type: _dropped, ...rest } = entry;
		return rest;
	});
}
