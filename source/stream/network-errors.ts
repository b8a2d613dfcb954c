/**
 * Plain words for a request that got no HTTP response: refused, reset, DNS, TLS. Node's fetch
 * (undici) reports them all as `TypeError: fetch failed` with the real error somewhere in `cause`.
 */
import { sanitizeOneLine } from "../model/sanitize.js";

export interface NetworkErrorDescription {
	/** A sentence for the status line. Scrub secrets from it before showing (see `redact.ts`). */
	readonly reason: string;
	/** `connection refused`, `DNS error`, `TLS error`, ... */
	readonly shortReason: string;
	/** The system/undici error code found, if any (`ECONNREFUSED`, `CERT_HAS_EXPIRED`, ...). */
	readonly code: string | null;
}

/** The first error code along the `cause` chain (and inside AggregateErrors), with its message. */
function findCode(error: unknown): { code: string | null; message: string | null } {
	let firstMessage: string | null = null;
	const queue: unknown[] = [error];
	// Bounded: a cyclic or very deep cause chain must not hang the client.
	for (let i = 0; i < queue.length && i < 12; i++) {
		const current = queue[i];
		if (typeof current !== "object" || current === null) continue;
		const { code, message, cause, errors } = current as {
			code?: unknown;
			message?: unknown;
			cause?: unknown;
			errors?: unknown;
		};
		if (firstMessage === null && typeof message === "string" && message !== "" && message !== "fetch failed")
			firstMessage = message;
		if (typeof code === "string" && code !== "" && code !== "ABORT_ERR" && code !== "UND_ERR_ABORTED")
			return { code, message: typeof message === "string" ? message : firstMessage };
		if (cause !== undefined) queue.push(cause);
		if (Array.isArray(errors)) queue.push(...errors.slice(0, 4));
	}
	return { code: null, message: firstMessage };
}

const tlsCode = /CERT|SSL|TLS|EPROTO|HANDSHAKE|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

/**
 * Describes why a request got no (complete) response. `host` (no secrets) names the server in the
 * sentence.
 */
export function describeNetworkError(error: unknown, host: string): NetworkErrorDescription {
	const { code, message } = findCode(error);
	const where = sanitizeOneLine(host);
	switch (code) {
		case "ECONNREFUSED":
			return { code, shortReason: "connection refused", reason: `Connection refused by ${where}.` };
		case "ENOTFOUND":
			return { code, shortReason: "DNS error", reason: `Host ${where} not found (DNS lookup failed).` };
		case "EAI_AGAIN":
			return { code, shortReason: "DNS error", reason: `DNS lookup for ${where} failed temporarily.` };
		case "ECONNRESET":
			return { code, shortReason: "connection reset", reason: `Connection reset by ${where}.` };
		case "EPIPE":
		case "UND_ERR_SOCKET":
		case "UND_ERR_CLOSED":
			return { code, shortReason: "connection lost", reason: `Connection to ${where} lost.` };
		case "ETIMEDOUT":
		case "UND_ERR_CONNECT_TIMEOUT":
			return { code, shortReason: "connect timeout", reason: `Connecting to ${where} timed out.` };
		case "EHOSTUNREACH":
		case "ENETUNREACH":
		case "ENETDOWN":
			return { code, shortReason: "network unreachable", reason: `${where} is unreachable (${code}).` };
	}
	if (code !== null && tlsCode.test(code)) {
		const certificate = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME/.test(code);
		return {
			code,
			shortReason: "TLS error",
			reason: certificate
				? `TLS certificate error: ${sanitizeOneLine(code)} (${where}).`
				: `TLS error: ${sanitizeOneLine(code)} (${where}): is it an https server?`,
		};
	}
	const detail = sanitizeOneLine(code ?? message ?? "unknown error").slice(0, 200);
	return { code, shortReason: "network error", reason: `Network error talking to ${where}: ${detail}.` };
}
