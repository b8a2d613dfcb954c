/**
 * What the history feed remembers of the live stream for its reads: the last live events shown (a
 * small ring) and the windows read so far, so an entry seen by both is shown once.
 */
import { eventFingerprints } from "../model/fingerprint.js";
import type { TailEvent } from "../model/types.js";

/**
 * The last live events shown, oldest first, in a ring. Fingerprinting every live event would cost
 * the tail a third of its speed (measured: 106k instead of 150k+ events/s), and only the events a
 * history read can overlap need it: those of a window already read (checked as they arrive), and
 * those a later read reaches back over, which are fingerprinted from here when that read starts.
 */
export class RecentLive {
	/** Small events themselves (cheap to keep); large ones as their fingerprints, never their text. */
	readonly #items: (RecentItem | undefined)[];
	#next = 0;
	constructor(size: number) {
		this.#items = new Array<RecentItem | undefined>(size);
	}
	push(event: TailEvent): void {
		// Holding a fat event here would keep memory the scrollback's budget already gave up.
		const item: RecentItem =
			event.json.length <= maxKeptEventChars
				? { time: event.time, event, fingerprints: null }
				: { time: event.time, event: null, fingerprints: eventFingerprints(event) };
		this.#items[this.#next] = item;
		this.#next = (this.#next + 1) % this.#items.length;
	}
	/** Hands over (and forgets) the fingerprints of every kept event at or after `fromMs`. */
	drain(fromMs: number, take: (fingerprints: readonly string[]) => void): void {
		for (let i = 0; i < this.#items.length; i++) {
			const item = this.#items[i];
			if (item === undefined || item.time < fromMs) continue;
			this.#items[i] = undefined;
			take(item.fingerprints ?? eventFingerprints(item.event as TailEvent));
		}
	}
}

interface RecentItem {
	readonly time: number;
	readonly event: TailEvent | null;
	readonly fingerprints: readonly string[] | null;
}

/** Events up to this much JSON are kept whole in `RecentLive`; larger ones as fingerprints. */
const maxKeptEventChars = 4096;

/** Live events this near a window read are still checked against it (clocks and delivery differ). */
export const lateSlackMs = 3_000;
/** Windows remembered per project: reads are queued and a live event is late by seconds at most. */
export const maxReads = 16;

/** Whether `time` lies in (or within the slack of) a window read. Newest windows first. */
export function inRead(reads: readonly (readonly [number, number])[], time: number): boolean {
	for (let i = reads.length - 1; i >= 0; i--) {
		const read = reads[i] as readonly [number, number];
		if (time >= read[0] - lateSlackMs && time <= read[1] + lateSlackMs) return true;
	}
	return false;
}
/**
 * Live events kept for later reads (a gap's window reaches back 2 s over the last of them). Small on
 * purpose: every event held here survives into V8's old generation, and a ring of 16k cost line mode
 * a fifth of its speed in garbage collection; 1,024 covers the margin up to ~500 events/s.
 */
export const recentLiveEvents = 1024;
