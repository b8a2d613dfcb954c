/**
 * One open Tail Worker Logs response: its keep-alive and end timers, what it may carry, and what it
 * has sent whole (for `replay` faults).
 */
import type { ServerResponse } from "node:http";
import { type FrameStyle, formatEventFrame, formatKeepAlive } from "./sse-writer.js";

/** What a stream carries: events + keep-alives, keep-alives only, or nothing at all (stalled). */
export type StreamMode = "events" | "keepalive-only" | "stall";

/** A frame sent whole, kept so a later stream can replay it. */
export interface SentFrame {
	readonly data: string;
	readonly uuid: string | null;
}

/** How many frames a stream remembers for a later replay. */
const historyLimit = 1000;
/**
 * A client that stops reading makes writes pile up in memory; past this many buffered bytes new
 * events skip the stream (they are lost for it, as a real server would drop a slow consumer's data).
 */
const backlogLimit = 8 * 1024 * 1024;

export interface TailStreamOptions {
	readonly projectUuid: string;
	readonly response: ServerResponse;
	readonly mode: StreamMode;
	readonly style: FrameStyle;
	readonly keepAliveMs: number;
	readonly streamEndMs: number;
	/** End the stream cleanly right after its first frame of this kind (the `end-early` fault). */
	readonly endAfter?: "keep-alive" | "event";
	readonly onClose: (stream: TailStream) => void;
}

export class TailStream {
	readonly projectUuid: string;
	readonly mode: StreamMode;
	readonly history: SentFrame[] = [];
	readonly #response: ServerResponse;
	readonly #style: FrameStyle;
	readonly #endAfter: "keep-alive" | "event" | undefined;
	#keepAlive: NodeJS.Timeout | undefined;
	#end: NodeJS.Timeout | undefined;
	#closed = false;
	/** Set once the stream is being torn: nothing may follow the half frame. */
	#torn = false;

	constructor(options: TailStreamOptions) {
		this.projectUuid = options.projectUuid;
		this.mode = options.mode;
		this.#response = options.response;
		this.#style = options.style;
		this.#endAfter = options.endAfter;
		const response = options.response;
		response.socket?.setNoDelay(true);
		response.writeHead(200, {
			"Content-Type": "text/event-stream",
			"Cache-Control": "no-cache",
			Connection: "keep-alive",
			"X-Accel-Buffering": "no",
		});
		response.flushHeaders();
		response.on("close", () => {
			this.#stopTimers();
			if (this.#closed) return;
			this.#closed = true;
			options.onClose(this);
		});
		// A stalled stream is silent forever: no keep-alive, no end, until the client or close() drops it.
		if (this.mode === "stall") return;
		if (options.keepAliveMs > 0) {
			this.#keepAlive = setInterval(() => {
				if (this.#write(formatKeepAlive(this.#style)) && this.#endAfter === "keep-alive") this.end();
			}, options.keepAliveMs);
			this.#keepAlive.unref();
		}
		if (options.streamEndMs > 0) {
			this.#end = setTimeout(() => this.end(), options.streamEndMs);
			this.#end.unref();
		}
	}

	/** Whether the stream is still open. */
	get open(): boolean {
		return !this.#closed && !this.#torn && !this.#response.writableEnded && !this.#response.destroyed;
	}

	/** Whether events go to this stream. */
	get carriesEvents(): boolean {
		return this.mode === "events" && this.open;
	}

	/** Writes one event frame; true when the whole frame was handed to the socket. */
	sendEvent(data: string, uuid: string | null): boolean {
		if (!this.carriesEvents || this.#response.writableLength > backlogLimit) return false;
		if (!this.#write(formatEventFrame(data, this.#style))) return false;
		this.history.push({ data, uuid });
		if (this.history.length > historyLimit) this.history.splice(0, this.history.length - historyLimit);
		if (this.#endAfter === "event") this.end();
		return true;
	}

	/** Writes bytes as they are; true when written. */
	sendRaw(bytes: string | Uint8Array): boolean {
		if (!this.carriesEvents) return false;
		return this.#write(bytes);
	}

	/** Writes the first half of an event's frame, then destroys the connection mid-event. */
	tear(data: string): void {
		const frame = formatEventFrame(data, this.#style);
		const half = frame.slice(0, Math.max(1, Math.floor(frame.length / 2)));
		this.#stopTimers();
		this.#torn = true;
		// Destroy only once the half frame reached the socket, so the client really sees a torn event.
		this.#response.write(half, () => this.#response.socket?.destroy());
	}

	/** Ends the response cleanly, as the API does at its stream timeout. */
	end(): void {
		this.#stopTimers();
		if (this.open) this.#response.end();
	}

	/** Drops the connection at once. */
	destroy(): void {
		this.#stopTimers();
		this.#response.socket?.destroy();
		this.#response.destroy();
	}

	#write(bytes: string | Uint8Array): boolean {
		if (!this.open) return false;
		this.#response.write(bytes);
		return true;
	}

	#stopTimers(): void {
		clearInterval(this.#keepAlive);
		clearTimeout(this.#end);
		this.#keepAlive = undefined;
		this.#end = undefined;
	}
}
