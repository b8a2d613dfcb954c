import type { ConnectionPhase, ConnectionStatus } from "./types.js";

/** A connection that has done nothing yet: no reason, no attempt, every counter zero. */
export function initialStatus(phase: ConnectionPhase): ConnectionStatus {
	return {
		phase,
		reason: null,
		shortReason: null,
		attempt: 0,
		retryAt: null,
		fatal: false,
		counters: {
			events: 0,
			bytes: 0,
			connections: 0,
			reconnects: 0,
			duplicates: 0,
			skipped: { torn: 0, json: 0, shape: 0, oversize: 0 },
			lastByteAt: null,
			gaps: 0,
		},
	};
}

/** Counters a keep-alive moves and no screen shows. */
const trafficCounters: ReadonlySet<string> = new Set(["bytes", "lastByteAt"]);

/**
 * True when `next` differs from `previous` only in traffic (bytes and the time of the last byte):
 * what a keep-alive changes. Nothing on screen shows those, so a store need not redraw for them.
 * Every other field counts, a field added later included.
 */
export function onlyTrafficChanged(previous: ConnectionStatus, next: ConnectionStatus): boolean {
	for (const key of Object.keys(next) as (keyof ConnectionStatus)[]) {
		if (key !== "counters" && previous[key] !== next[key]) return false;
	}
	const a = previous.counters;
	const b = next.counters;
	for (const key of Object.keys(b) as (keyof typeof b)[]) {
		if (trafficCounters.has(key)) continue;
		if (key === "skipped") {
			for (const cause of Object.keys(b.skipped) as (keyof typeof b.skipped)[])
				if (a.skipped[cause] !== b.skipped[cause]) return false;
		} else if (a[key] !== b[key]) return false;
	}
	return true;
}
