/**
 * How a stream that was open ended, decided from the facts alone: a routine end (reconnect at once,
 * silently) or a loss with its cause and the moment it began (the start of a gap).
 */

import type { StreamEnding } from "./sse-framer.js";
import { seconds } from "./stream-response.js";
import type { Failure } from "./tail-types.js";

export interface StreamEnd {
	/** What the framer saw at the end. */
	readonly ending: StreamEnding;
	/** The read failed (or we aborted it), or null: the server ended the body. */
	readonly failure: Failure | null;
	/** `failure` is our own timeout (idle, connect), not the network's. */
	readonly ours: boolean;
	/** The stream delivered at least one whole frame (an event or a keep-alive). */
	readonly hadFrame: boolean;
	readonly openedAt: number;
	readonly endedAt: number;
	/** The last byte (or the end of our own pause): where an idle stream's loss begins. */
	readonly lastActivityAt: number;
	/** A clean end before this much life is an early end (0: never). */
	readonly minStreamMs: number;
	/** The shortest wait after an early end. */
	readonly minReconnectMs: number;
}

export type EndVerdict =
	| { readonly kind: "ended" }
	| {
			readonly kind: "lost";
			readonly failure: Failure;
			readonly lostAt: number;
			readonly minDelayMs?: number;
	  };

export function judgeEnd(end: StreamEnd): EndVerdict {
	const { failure, endedAt } = end;
	if (failure !== null && end.ours) {
		// Our own timeout: that is the cause, torn frame or not.
		return { kind: "lost", failure, lostAt: failure.idle === true ? end.lastActivityAt : endedAt };
	}
	if (end.ending !== "clean") {
		const how = failure === null ? "ended" : `was lost (${failure.shortReason})`;
		return lost(`The stream ${how} in the middle of an event (torn frame).`, "torn frame", endedAt);
	}
	if (failure !== null) return { kind: "lost", failure, lostAt: endedAt };
	// Retrying at once would spin against a server that closes every stream immediately.
	if (!end.hadFrame)
		return lost("The server closed the stream without sending anything.", "empty stream", endedAt);
	const lived = endedAt - end.openedAt;
	if (lived < end.minStreamMs) {
		return {
			...lost(
				`The server ended the stream after ${seconds(lived)} (streams normally last 60 s): reconnecting with backoff.`,
				"ended early",
				endedAt,
			),
			minDelayMs: end.minReconnectMs,
		};
	}
	return { kind: "ended" };
}

function lost(reason: string, shortReason: string, lostAt: number): EndVerdict & { kind: "lost" } {
	return { kind: "lost", failure: { reason, shortReason }, lostAt };
}
