/**
 * What an HTTP error status of the Infrastructure Hosting API means for the user, as one sentence
 * they can act on, plus a short form for narrow places. Shared by the tail stream and the projects
 * listing, so both say the same thing about the same problem.
 */
import { STATUS_CODES } from "node:http";
import { sanitizeOneLine } from "../model/sanitize.js";

/** Which endpoint answered: the wording (scope, what was not found) depends on it. */
export type ApiEndpoint =
	| { readonly kind: "tail"; readonly storeHash: string; readonly projectUuid: string }
	| { readonly kind: "projects"; readonly storeHash: string }
	| { readonly kind: "history"; readonly storeHash: string; readonly projectUuid: string };

/** The useful part of BigCommerce's error body `{"status","title","type","errors","detail"?}`. */
export interface ApiErrorBody {
	readonly title?: string;
	readonly detail?: string;
	/** The v3 body's field errors (`{"start": "must be ISO-8601"}`), sanitized, in the order sent. */
	readonly errors?: readonly (readonly [field: string, message: string])[];
}

export interface HttpErrorDescription {
	readonly status: number;
	/** A sentence a user can act on; contains no secret. */
	readonly reason: string;
	/** `token expired`, `no logs scope`, `not found`, `bad uuid`, `503`, ... */
	readonly shortReason: string;
	/** 400/401/403/404: retrying cannot help. */
	readonly fatal: boolean;
}

/** An error response of the API (or a failure to reach it), with a user-facing message. */
export class ApiError extends Error {
	override readonly name = "ApiError";
	/** The HTTP status, or null when no response arrived. */
	readonly status: number | null;
	readonly shortReason: string;
	readonly fatal: boolean;

	constructor(message: string, options: { status: number | null; shortReason: string; fatal: boolean }) {
		super(message);
		this.status = options.status;
		this.shortReason = options.shortReason;
		this.fatal = options.fatal;
	}
}

/** The statuses after which a retry cannot succeed. */
export function isFatalStatus(status: number): boolean {
	return status === 400 || status === 401 || status === 403 || status === 404;
}

/** `503 Service Unavailable`: the standard phrase, never the server's (attacker-controlled) one. */
export function statusLine(status: number): string {
	const phrase = STATUS_CODES[status];
	return phrase === undefined ? `HTTP ${status}` : `${status} ${phrase}`;
}

/**
 * Describes an error status. The body's title/detail are appended (sanitized, shortened) when the
 * API sent them, since they sometimes name the exact problem.
 */
export function describeHttpStatus(
	status: number,
	endpoint: ApiEndpoint,
	body: ApiErrorBody = {},
): HttpErrorDescription {
	if (endpoint.kind === "history") {
		const history = describeHistoryStatus(status, body);
		if (history !== null) return history;
	}
	const said = bodySuffix(body);
	const scope =
		endpoint.kind === "tail"
			? "store_infrastructure_logs_read_only"
			: "store_infrastructure_projects_read_only";
	switch (status) {
		case 400:
			return {
				status,
				fatal: true,
				shortReason: endpoint.kind === "tail" ? "bad uuid" : "bad request",
				reason:
					endpoint.kind === "tail"
						? `"${sanitizeOneLine(endpoint.projectUuid)}" is not a valid project UUID (400).${said}`
						: `The API rejected the projects request (400).${said}`,
			};
		case 401:
			return {
				status,
				fatal: true,
				shortReason: "token expired",
				reason: `Your access token is invalid or has expired (401): create a new API account token and try again.${said}`,
			};
		case 403:
			return {
				status,
				fatal: true,
				shortReason: endpoint.kind === "tail" ? "no logs scope" : "no projects scope",
				reason:
					endpoint.kind === "tail"
						? `The Infrastructure Logs API is not enabled for this store, or the token lacks the ${scope} scope (403).${said}`
						: `The token lacks the ${scope} scope, or Infrastructure Hosting is not enabled for this store (403).${said}`,
			};
		case 404:
			return {
				status,
				fatal: true,
				shortReason: "not found",
				reason:
					endpoint.kind === "tail"
						? `Project not found, or the token belongs to a different store than ${sanitizeOneLine(endpoint.storeHash)} (404).${said}`
						: `Store ${sanitizeOneLine(endpoint.storeHash)} not found, or the token belongs to a different store (404).${said}`,
			};
		case 429:
			return {
				status,
				fatal: false,
				shortReason: "rate limited",
				reason: `${statusLine(status)}: the API asked us to slow down.`,
			};
		default:
			return {
				status,
				fatal: false,
				shortReason: String(status),
				reason:
					status >= 300 && status < 400
						? `${statusLine(status)}: redirects are not followed.`
						: statusLine(status),
			};
	}
}

/**
 * The history endpoint's own sentences, worded as `catalyst logs query` (1.4.1) words them, so a
 * user who knows one tool reads the same thing in the other. Null: the shared wording applies.
 */
function describeHistoryStatus(status: number, body: ApiErrorBody): HttpErrorDescription | null {
	switch (status) {
		case 403:
			return {
				status,
				fatal: true,
				shortReason: "history off",
				reason:
					"Infrastructure Logs API not enabled. If you are part of the beta, contact support@bigcommerce.com to enable it.",
			};
		case 404:
			return {
				status,
				fatal: true,
				shortReason: "not found",
				reason:
					"Project not found. Check the project UUID, and that --store-hash and --access-token belong to the store that owns the project.",
			};
		case 400:
		case 422:
			return {
				status,
				fatal: true,
				shortReason: "bad query",
				reason: v3ErrorSentence(body) ?? "Invalid log query.",
			};
		default:
			return null;
	}
}

/** `title (field: message; field: message)`, the title or the field errors alone, or null. */
export function v3ErrorSentence(body: ApiErrorBody): string | null {
	const fields =
		body.errors !== undefined && body.errors.length > 0
			? body.errors.map(([field, message]) => `${field}: ${message}`).join("; ")
			: undefined;
	if (body.title !== undefined && fields !== undefined) return `${body.title} (${fields})`;
	return body.title ?? fields ?? null;
}

/** At most this much of an error body is read: it is only mined for a title and a detail. */
export const maxErrorBodyBytes = 64 * 1024;

/**
 * The first `maxBytes` of a response body (or less, when it ends sooner): `complete` says whether
 * that was all of it. The rest is cancelled, which frees the connection; an abort of `signal` ends
 * the read (a body that trickles forever cannot hold us).
 */
export async function readBodyStart(
	response: Response,
	signal: AbortSignal | undefined,
	maxBytes: number,
): Promise<{ readonly bytes: Buffer; readonly complete: boolean }> {
	const body = response.body;
	if (body === null) return { bytes: Buffer.alloc(0), complete: true };
	const reader = body.getReader();
	// An abort alone can leave a pending read unsettled (see tail-client.ts `#cancelRead`).
	const onAbort = () => {
		reader.cancel().catch(() => {});
	};
	signal?.addEventListener("abort", onAbort, { once: true });
	const parts: Uint8Array[] = [];
	let size = 0;
	let complete = false;
	try {
		while (size <= maxBytes) {
			const { done, value } = await reader.read();
			if (done) {
				complete = true;
				break;
			}
			parts.push(value);
			size += value.byteLength;
		}
	} catch {
		// What arrived before the failure is still worth showing.
	} finally {
		signal?.removeEventListener("abort", onAbort);
		// Whatever is left is not wanted; cancelling frees the connection.
		reader.cancel().catch(() => {});
	}
	const bytes = Buffer.concat(parts);
	return bytes.byteLength > maxBytes
		? { bytes: bytes.subarray(0, maxBytes), complete: false }
		: { bytes, complete };
}

/**
 * Reads a small error body (at most `maxBytes`) and picks out BigCommerce's `title`/`detail`. Never
 * throws: a missing, huge or unparsable body gives `{}`.
 */
export async function readErrorBody(
	response: Response,
	signal?: AbortSignal,
	maxBytes = maxErrorBodyBytes,
): Promise<ApiErrorBody> {
	const { bytes, complete } = await readBodyStart(response, signal, maxBytes);
	if (!complete) return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(bytes.toString("utf8"));
	} catch {
		return {};
	}
	if (typeof parsed !== "object" || parsed === null) return {};
	const { title, detail, errors } = parsed as { title?: unknown; detail?: unknown; errors?: unknown };
	const result: { title?: string; detail?: string; errors?: (readonly [string, string])[] } = {};
	if (typeof errors === "object" && errors !== null && !Array.isArray(errors)) {
		const fields = Object.entries(errors)
			.filter((pair): pair is [string, string] => typeof pair[1] === "string")
			.slice(0, 20)
			.map(
				([field, message]) =>
					[shorten(sanitizeOneLine(field), 60), shorten(sanitizeOneLine(message))] as const,
			);
		if (fields.length > 0) result.errors = fields;
	}
	if (typeof title === "string" && title.trim() !== "") result.title = shorten(sanitizeOneLine(title.trim()));
	if (typeof detail === "string" && detail.trim() !== "")
		result.detail = shorten(sanitizeOneLine(detail.trim()));
	return result;
}

export function shorten(text: string, max = 200): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function bodySuffix(body: ApiErrorBody): string {
	const parts = [body.title, body.detail].filter((part): part is string => part !== undefined && part !== "");
	return parts.length === 0 ? "" : ` The API said: "${parts.join(" — ")}".`;
}
