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

/**
 * True when `next` differs from `previous` only in traffic (bytes and the time of the last byte):
 * what a keep-alive changes. Nothing on screen shows those, so a store need not redraw for them.
 */
export function onlyTrafficChanged(previous: ConnectionStatus, next: ConnectionStatus): boolean {
	if (
		previous.phase !== next.phase ||
		previous.reason !== next.reason ||
		previous.shortReason !== next.shortReason ||
		previous.attempt !== next.attempt ||
		previous.retryAt !== next.retryAt ||
		previous.fatal !== next.fatal
	)
		return false;
	const a = previous.counters;
	const b = next.counters;
	return (
		a.events === b.events &&
		a.connections === b.connections &&
		a.reconnects === b.reconnects &&
		a.duplicates === b.duplicates &&
		a.gaps === b.gaps &&
		a.skipped.torn === b.skipped.torn &&
		a.skipped.json === b.skipped.json &&
		a.skipped.shape === b.skipped.shape &&
		a.skipped.oversize === b.skipped.oversize
	);
}
