import type { ConnectionStatus, SkipCause } from "../model/types.js";

const skipWords: Record<SkipCause, string> = {
	torn: "a torn frame",
	json: "a frame that is not JSON",
	shape: "an event of unknown shape",
	oversize: "an oversized event",
};

/** The stderr line for a change of a project's connection phase (line mode), or null if none. */
export function describePhaseChange(
	label: string,
	previous: ConnectionStatus | undefined,
	status: ConnectionStatus,
	now: number,
): string | null {
	if (previous !== undefined && previous.phase === status.phase) return null;
	switch (status.phase) {
		case "connecting":
			return `bctail: ${label}: connecting`;
		case "live":
			return previous === undefined || previous.phase === "connecting"
				? `bctail: ${label}: live`
				: `bctail: ${label}: live again`;
		case "reconnecting": {
			const wait =
				status.retryAt === null
					? ""
					: ` (retrying in ${Math.max(0, (status.retryAt - now) / 1000).toFixed(1)} s)`;
			return `bctail: ${label}: reconnecting: ${status.reason ?? "connection lost"}${wait}`;
		}
		case "stopped":
			// A plain stop (SIGTERM, q) has the reason "stopped": not "stopped: stopped".
			return `bctail: ${label}: stopped${stopReason(status) === null ? "" : `: ${stopReason(status)}`}`;
	}
}

/** Why a stream stopped, or null when it was simply stopped (no reason, or the reason "stopped"). */
export function stopReason(status: ConnectionStatus): string | null {
	const why = status.reason;
	return why === null || why.trim() === "" || why === "stopped" ? null : why;
}

export function describeSkip(label: string, cause: SkipCause, total: number): string {
	return `bctail: ${label}: skipped ${skipWords[cause]} (${total} skipped so far)`;
}
