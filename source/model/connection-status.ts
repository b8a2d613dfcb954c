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
