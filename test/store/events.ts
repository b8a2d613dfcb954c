/**
 * Builds tail events for store tests the way the stream does: a raw API-shaped object, serialized and
 * run through the real `parseEvent`, so tests see exactly what the store sees in production.
 */
import { parseEvent } from "../../source/model/normalize.js";
import type { TailEvent } from "../../source/model/types.js";

export const PROJECT_A = "019500e2-933d-7057-8e81-090dd7240795";
export const PROJECT_B = "6b202364-10f3-11f1-8bc7-fe9b9d8b14ab";

export interface EventSpec {
	readonly project?: string;
	readonly uuid?: string;
	readonly method?: string;
	readonly url?: string;
	readonly status?: number;
	/** null = an invocation without a request (Durable Object, queue). */
	readonly request?: null;
	readonly logs?: readonly (string | { level?: string; text: string; time?: string })[];
	readonly exceptions?: readonly { name: string; message: string; stack?: string }[];
	readonly time?: string;
}

let counter = 0;

/** A unique, UUID-shaped id. */
export function nextUuid(): string {
	counter++;
	return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, "0")}`;
}

/** The raw wire object for a spec. */
export function rawEvent(spec: EventSpec = {}): Record<string, unknown> {
	const time = spec.time ?? "2026-01-01T00:00:00.000Z";
	return {
		uuid: spec.uuid ?? nextUuid(),
		project_uuid: spec.project ?? PROJECT_A,
		request:
			spec.request === null
				? null
				: { method: spec.method ?? "GET", url: spec.url ?? "/", status_code: spec.status ?? 200 },
		logs: (spec.logs ?? []).map((log) =>
			typeof log === "string"
				? { timestamp: time, level: "info", messages: [log] }
				: { timestamp: log.time ?? time, level: log.level ?? "info", messages: [log.text] },
		),
		exceptions: (spec.exceptions ?? []).map((e) => ({ timestamp: time, ...e })),
		timestamp: time,
	};
}

/** A normalized event, as the store receives it. */
export function makeEvent(spec: EventSpec = {}, receivedAt = Date.UTC(2026, 0, 1)): TailEvent {
	const result = parseEvent(JSON.stringify(rawEvent(spec)), spec.project ?? PROJECT_A, receivedAt);
	if (!result.ok) throw new Error(`test event did not parse: ${result.cause}`);
	return result.event;
}

/** `n` one-log events whose texts are `${prefix} 0`, `${prefix} 1`, ... */
export function numberedEvents(n: number, prefix = "line", project = PROJECT_A): TailEvent[] {
	const out: TailEvent[] = [];
	for (let i = 0; i < n; i++) out.push(makeEvent({ project, logs: [`${prefix} ${i}`] }));
	return out;
}
