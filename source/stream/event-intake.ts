/**
 * Where the bytes of one project's streams become events: SSE framing, parsing and normalizing,
 * dropping replays (a bounded window of recent uuids) and counting what is skipped. The access token
 * is masked in every frame before it is parsed, so no consumer (screen, lines, --save) ever sees it. One per client,
 * kept across streams, so a replay by a new stream is recognised.
 */

import { parseEvent } from "../model/normalize.js";
import type { SkipCause, TailSink } from "../model/types.js";
import { createSseFramer, type SseFramer, type StreamEnding } from "./sse-framer.js";
import type { MutableCounters } from "./tail-status.js";
import type { TokenMask } from "./token-mask.js";
import { UuidWindow } from "./uuid-window.js";

export class EventIntake {
	readonly #framer: SseFramer;
	readonly #seen: UuidWindow;
	readonly #mask: TokenMask;
	/** The stream in progress delivered a complete frame (event or keep-alive). */
	#hadFrame = false;
	/** Receive time of the chunk being parsed (one clock read per chunk, not per event). */
	#chunkAt = 0;

	constructor(
		private readonly projectUuid: string,
		private readonly sink: TailSink,
		private readonly counters: MutableCounters,
		options: {
			readonly maxEventBytes: number;
			readonly dedupWindow: number;
			/** Masks the access token in a frame's text before it is parsed (see token-mask.ts). */
			readonly mask: TokenMask;
		},
	) {
		this.#mask = options.mask;
		this.#seen = new UuidWindow(options.dedupWindow);
		this.#framer = createSseFramer(
			{
				onEvent: (data, name) => this.#onData(data, name),
				onKeepAlive: () => {
					this.#hadFrame = true;
				},
				onOversize: () => this.skip("oversize"),
			},
			options.maxEventBytes,
		);
	}

	/** A new stream begins. */
	begin(): void {
		this.#hadFrame = false;
	}

	/** Whether the stream in progress has delivered a whole frame yet. */
	get hadFrame(): boolean {
		return this.#hadFrame;
	}

	/** A chunk received at `at`. */
	push(chunk: Uint8Array, at: number): void {
		this.#chunkAt = at;
		this.#framer.push(chunk);
	}

	/** The stream ended: whether it ended between frames, and a torn frame counted. */
	end(): StreamEnding {
		const ending = this.#framer.end();
		if (ending === "torn") this.skip("torn");
		return ending;
	}

	skip(cause: SkipCause): void {
		this.counters.skipped[cause]++;
		this.sink.skip(this.projectUuid, cause);
	}

	#onData(data: string, name: string | undefined): void {
		this.#hadFrame = true;
		const result = parseEvent(this.#mask(data), this.projectUuid, this.#chunkAt);
		if (!result.ok) {
			// Other event types may carry anything; only our events' failures are worth counting.
			if (name === undefined || name === "message") this.skip(result.cause);
			return;
		}
		if (!this.#seen.add(result.event.uuid)) {
			this.counters.duplicates++;
			return;
		}
		this.counters.events++;
		this.sink.event(this.projectUuid, result.event);
	}
}
