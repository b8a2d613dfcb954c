/**
 * A small SSE reader for the emulator tests: real fetch to 127.0.0.1, frames parsed with
 * eventsource-parser, everything received kept for assertions.
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { vi } from "vitest";
import type { Emulator } from "../../source/emulator/types.js";

export interface TailReader {
	readonly response: Response;
	/** Every event frame (keep-alives sent as empty `data:` included, with data ""). */
	readonly events: EventSourceMessage[];
	/** Every comment line's text. */
	readonly comments: string[];
	/** The body as received, decoded. */
	raw: string;
	/** Set when the body ended cleanly (the server ended the stream). */
	ended: boolean;
	/** Set when reading failed (the connection was destroyed). */
	error: unknown;
	/** Settles when the body is done either way. */
	readonly done: Promise<void>;
	/** Aborts the request. */
	abort(): void;
	/** The whole body parsed as JSON, once it is done (for error responses). */
	json(): Promise<unknown>;
}

export interface TailRequest {
	readonly token?: string | null;
	readonly storeHash?: string;
	/** Aborts the request from outside (before the response arrives, too). */
	readonly signal?: AbortSignal;
}

export function tailUrl(emulator: Emulator, projectUuid: string, storeHash = emulator.storeHash): string {
	return `${emulator.origin}/stores/${storeHash}/v3/infrastructure/logs/${projectUuid}/tail`;
}

/** Sends the tail request; resolves with the response (any status) and starts reading its body. */
export async function openTail(
	emulator: Emulator,
	projectUuid: string,
	request: TailRequest = {},
): Promise<TailReader> {
	const controller = new AbortController();
	request.signal?.addEventListener("abort", () => controller.abort(), { once: true });
	const headers: Record<string, string> = { Accept: "text/event-stream" };
	const token = request.token === undefined ? emulator.token : request.token;
	if (token !== null) headers["X-Auth-Token"] = token;
	const response = await fetch(tailUrl(emulator, projectUuid, request.storeHash), {
		headers,
		signal: controller.signal,
	});
	const reader: TailReader = {
		response,
		events: [],
		comments: [],
		raw: "",
		ended: false,
		error: undefined,
		done: Promise.resolve(),
		abort: () => controller.abort(),
		async json() {
			await reader.done;
			return JSON.parse(reader.raw);
		},
	};
	const parser = createParser({
		onEvent: (event) => reader.events.push(event),
		onComment: (comment) => reader.comments.push(comment),
	});
	const body = response.body;
	if (!body) {
		reader.ended = true;
		return reader;
	}
	(reader as { done: Promise<void> }).done = (async () => {
		const decoder = new TextDecoder();
		try {
			for await (const chunk of body) {
				const text = decoder.decode(chunk, { stream: true });
				reader.raw += text;
				parser.feed(text);
			}
			reader.ended = true;
		} catch (error) {
			reader.error = error;
		}
	})();
	return reader;
}

/** The `data` of the frames that are not keep-alives, parsed as JSON. */
export function eventsOf(reader: TailReader): Record<string, unknown>[] {
	return reader.events.filter((event) => event.data !== "").map((event) => JSON.parse(event.data));
}

/** The uuids of the events received, in order. */
export function uuidsOf(reader: TailReader): string[] {
	return eventsOf(reader).map((event) => String(event.uuid));
}

/** `vi.waitFor` with a timeout generous enough for a loaded CI machine. */
export function until<T>(check: () => T): Promise<T> {
	return vi.waitFor(check, { timeout: 10_000, interval: 10 });
}
