/**
 * What a tail response that is not an open event stream means: an error status (fatal, retried or
 * rate-limited) or a `200` that is something else (a login page of a proxy, a JSON document). Each
 * becomes an `Outcome` with a sentence that says what was received.
 */

import { sanitizeOneLine } from "../model/sanitize.js";
import {
	type ApiEndpoint,
	describeHttpStatus,
	isFatalStatus,
	readBodyStart,
	readErrorBody,
	shorten,
} from "./api-errors.js";
import { rateLimitDelay } from "./rate-limit.js";
import type { Failure, Outcome } from "./tail-types.js";

/** How much of a wrong body is read to quote its start. */
const quotedBodyBytes = 512;

export interface ResponseContext {
	readonly endpoint: ApiEndpoint;
	/** Aborts body reads (stop, connect timeout). */
	readonly signal: AbortSignal | undefined;
	/** `stop()` was called (an abort may also be a timeout, which is not a stop). */
	readonly isStopping: () => boolean;
	readonly now: number;
	/** The shortest wait a told wait may ask for: the current backoff step. */
	readonly floorMs: number;
	/** Takes the token out of a sentence. */
	readonly scrub: (failure: Failure) => Failure;
}

/** `35 s`, `1.5 s`, `0.2 s`. */
export function seconds(ms: number): string {
	const s = ms / 1000;
	return `${Number.isInteger(s) ? s : Number(s.toFixed(s < 10 ? 1 : 0))} s`;
}

/** The `Content-Type` of a response that is an event stream (`text/event-stream`, any parameters). */
export function isEventStream(response: Response): boolean {
	const type = response.headers.get("content-type");
	return type !== null && /^\s*text\/event-stream\s*(;|$)/i.test(type);
}

/** An error status: fatal (400/401/403/404, with the API's words), rate-limited (429) or retried. */
export async function statusOutcome(response: Response, context: ResponseContext): Promise<Outcome> {
	const status = response.status;
	if (isFatalStatus(status)) {
		const body = await readErrorBody(response, context.signal);
		if (context.isStopping()) return { kind: "stopped" };
		return { kind: "fatal", failure: context.scrub(describeHttpStatus(status, context.endpoint, body)) };
	}
	response.body?.cancel().catch(() => {});
	const described = describeHttpStatus(status, context.endpoint);
	if (status === 429) {
		const told = rateLimitDelay(response.headers, context.now);
		// "Wait 0" (or a date in the past) retried at once would hammer the API: never less than a step.
		const delayMs = told === null ? null : Math.max(told, context.floorMs);
		const wait = delayMs === null ? "" : ` Waiting ${seconds(delayMs)}.`;
		return { kind: "failed", failure: { reason: `${described.reason}${wait}`, shortReason: "429" }, delayMs };
	}
	return { kind: "failed", failure: context.scrub(described), delayMs: null };
}

/** A `200` that is not an event stream: say what it was (type and the start of the body), and retry. */
export async function notAStreamOutcome(response: Response, context: ResponseContext): Promise<Outcome> {
	const type = response.headers.get("content-type");
	const { bytes } = await readBodyStart(response, context.signal, quotedBodyBytes);
	const start = shorten(sanitizeOneLine(bytes.toString("utf8")).trim(), 80);
	const what = type === null ? "no Content-Type" : `"${shorten(sanitizeOneLine(type), 60)}"`;
	const quoted = start === "" ? " with an empty body" : `, starting "${start}"`;
	return {
		kind: "failed",
		failure: context.scrub({
			reason: `The server answered 200 with ${what} instead of an event stream${quoted} (a proxy or login page in the way?).`,
			shortReason: "not a stream",
		}),
		delayMs: null,
	};
}
