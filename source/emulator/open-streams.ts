/**
 * The emulator's open Tail Worker Logs connections: the streams answered 200, the requests held
 * unanswered (the `no-headers` fault), the last stream per project (for `replay`), and the log of
 * the uuids written whole. Broadcasting an event to a project's streams happens here.
 */
import type { ServerResponse } from "node:http";
import { TailStream, type TailStreamOptions } from "./tail-stream.js";

/** Per-project bookkeeping of the uuids written whole, in first-write order. */
class SentLog {
	readonly list: string[] = [];
	readonly #seen = new Set<string>();
	add(uuid: string): void {
		if (this.#seen.has(uuid)) return;
		this.#seen.add(uuid);
		this.list.push(uuid);
	}
}

/** A held request (the `no-headers` fault): counted as an open stream until the client gives up. */
interface HeldRequest {
	readonly projectUuid: string;
	readonly response: ServerResponse;
}

const matches = (projectUuid: string | undefined, candidate: string): boolean =>
	projectUuid === undefined || projectUuid === candidate;

export class OpenStreams {
	readonly #streams = new Set<TailStream>();
	readonly #held = new Set<HeldRequest>();
	readonly #sentLogs = new Map<string, SentLog>();
	readonly #last = new Map<string, TailStream>();

	/** Opens a stream (answers 200) and returns it with the project's previous stream, if any. */
	open(options: Omit<TailStreamOptions, "onClose">): {
		stream: TailStream;
		previous: TailStream | undefined;
	} {
		const previous = this.#last.get(options.projectUuid);
		const stream = new TailStream({ ...options, onClose: (closed) => this.#streams.delete(closed) });
		this.#streams.add(stream);
		this.#last.set(options.projectUuid, stream);
		return { stream, previous };
	}

	/** Keeps a request unanswered until the client goes away. */
	hold(projectUuid: string, response: ServerResponse): void {
		const entry: HeldRequest = { projectUuid, response };
		this.#held.add(entry);
		response.on("close", () => this.#held.delete(entry));
	}

	/** Writes one event to every stream of the project that carries events; returns how many took it. */
	broadcast(projectUuid: string, data: string, uuid: string | null): number {
		let written = 0;
		for (const stream of this.#streams) {
			if (stream.projectUuid !== projectUuid) continue;
			if (this.sendTo(stream, data, uuid)) written += 1;
		}
		return written;
	}

	/** Writes one event to one stream, recording its uuid when the frame went out whole. */
	sendTo(stream: TailStream, data: string, uuid: string | null): boolean {
		if (!stream.sendEvent(data, uuid)) return false;
		if (uuid !== null) this.#sentLog(stream.projectUuid).add(uuid);
		return true;
	}

	/** Sends the last `count` frames `previous` sent (default all it remembers) to `stream`. */
	replay(stream: TailStream, previous: TailStream, count?: number): void {
		const frames = previous.history;
		for (const frame of frames.slice(Math.max(0, frames.length - (count ?? frames.length)))) {
			this.sendTo(stream, frame.data, frame.uuid);
		}
	}

	/** Writes raw bytes to every stream of the project that carries events. */
	pushRaw(projectUuid: string, bytes: string | Uint8Array): number {
		let written = 0;
		for (const stream of this.#streams) {
			if (stream.projectUuid === projectUuid && stream.sendRaw(bytes)) written += 1;
		}
		return written;
	}

	sent(projectUuid: string): readonly string[] {
		return [...(this.#sentLogs.get(projectUuid)?.list ?? [])];
	}

	/** Open streams (stalled ones included) plus held requests, of a project or of all. */
	count(projectUuid?: string): number {
		let count = 0;
		for (const stream of this.#streams)
			if (stream.open && matches(projectUuid, stream.projectUuid)) count += 1;
		for (const entry of this.#held) if (matches(projectUuid, entry.projectUuid)) count += 1;
		return count;
	}

	/** Ends every open stream cleanly, except stalled ones. */
	end(projectUuid?: string): void {
		for (const stream of this.#streams) {
			if (stream.mode !== "stall" && matches(projectUuid, stream.projectUuid)) stream.end();
		}
	}

	/** Drops every stream at once (close). */
	destroyAll(): void {
		for (const stream of this.#streams) stream.destroy();
	}

	#sentLog(projectUuid: string): SentLog {
		let log = this.#sentLogs.get(projectUuid);
		if (!log) {
			log = new SentLog();
			this.#sentLogs.set(projectUuid, log);
		}
		return log;
	}
}
