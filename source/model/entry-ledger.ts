/**
 * Exactly-once display across the live tail and history for one project. Live events are deduplicated
 * by uuid elsewhere, but history entries have no uuid: an entry is known by its fingerprint
 * (`fingerprint.ts`), and two real entries can share one (the same log line twice in the same
 * millisecond, in two invocations), so the ledger counts occurrences.
 *
 * Per fingerprint the ledger counts the occurrences live brought, those the current history read
 * brought, and those shown. An arrival is shown only when its source now has more occurrences than
 * were shown, so a fingerprint is shown max(live, the most one history read brought) times: exact
 * whenever the occurrences one source saw are among those the other saw, which holds because
 * identical fingerprints share a millisecond, a history read covers a whole window, live never repeats
 * an occurrence (uuids), and one read never does either (its pages do not overlap). Separate reads
 * (`load`) may overlap each other freely.
 *
 * Live events are decided entry by entry too (`admitLiveEntries`): an event whose every entry history
 * already showed is held back; one that is partly shown (history pages arrived with some of its
 * entries, or the history window cut it) is shown, and for exactly-once display the caller leaves out
 * its entries marked as already shown. Which invocation a matched entry is attributed to can be wrong
 * for identical entries of two invocations; the counts are right.
 *
 * Entries without a time are the exception: identical ones of different minutes share a fingerprint,
 * so a live event is never held back because of them (a rare duplicate of such a line, rather than
 * a live event lost).
 *
 * Bounded: fingerprints older than `horizonMs` (by their entry time, else the time they were
 * admitted) are forgotten, and past `maxFingerprints` the oldest go first. An entry older than the
 * horizon is shown without being recorded: live and history can only overlap near the present.
 */
import { entryFingerprint, eventFingerprints } from "./fingerprint.js";
import type { HistoryEntry } from "./history-entry.js";
import type { TailEvent } from "./types.js";

export interface EntryLedgerOptions {
	/** How long a fingerprint is remembered, by its time (default 15 minutes). */
	readonly horizonMs?: number;
	/** The most fingerprints kept (default 200 000); the oldest go first. */
	readonly maxFingerprints?: number;
	/** The clock (ms since the epoch), for the horizon. */
	readonly now?: () => number;
}

interface Counts {
	/** Occurrences the live stream brought. */
	live: number;
	/** Occurrences shown (from either source): max(live, the most any one history load brought). */
	shown: number;
	/** The history load `loadCount` counts for. */
	load: number;
	/** Occurrences that load brought so far. */
	loadCount: number;
	/** The entry's time, or when it was first admitted when it has none. */
	readonly time: number;
}

const separator = "\u0000";

/** Whether a fingerprint is of an entry without a time (`-`). */
const timeless = (fingerprint: string): boolean => fingerprint.startsWith(`-${separator}`);

/** The time a fingerprint starts with, or null for `-`. */
function timeOfFingerprint(fingerprint: string): number | null {
	const end = fingerprint.indexOf(separator);
	const head = end === -1 ? fingerprint : fingerprint.slice(0, end);
	if (head === "-") return null;
	const ms = Number(head);
	return Number.isFinite(ms) ? ms : null;
}

/** One project's record of which entries were shown, from which source (see the module comment). */
export class EntryLedger {
	readonly #counts = new Map<string, Counts>();
	readonly #horizonMs: number;
	readonly #max: number;
	readonly #now: () => number;
	/** Admissions since the last sweep of old fingerprints. */
	#sinceSweep = 0;

	constructor(options: EntryLedgerOptions = {}) {
		this.#horizonMs = options.horizonMs ?? 15 * 60_000;
		this.#max = Math.max(1, options.maxFingerprints ?? 200_000);
		this.#now = options.now ?? Date.now;
	}

	/** How many fingerprints are remembered. */
	get size(): number {
		return this.#counts.size;
	}

	/**
	 * Records a live event.
	 * @returns false when every entry of the event was already shown from history (hold it back), true
	 *   when at least one is new (see `admitLiveEntries` for which)
	 */
	admitLive(event: TailEvent): boolean {
		const fresh = this.admitLiveEntries(event);
		return fresh.length === 0 || fresh.includes(true);
	}

	/**
	 * Records a live event entry by entry.
	 * @returns for each of `eventFingerprints(event)` (request row, logs, exceptions), whether it is new
	 *   (true) or history already showed it (false)
	 */
	admitLiveEntries(event: TailEvent): boolean[] {
		return this.admitLiveFingerprints(eventFingerprints(event));
	}

	/** `admitLiveEntries` for fingerprints taken earlier (`eventFingerprints`). */
	admitLiveFingerprints(fingerprints: readonly string[]): boolean[] {
		return fingerprints.map((fingerprint) => {
			const counts = this.#record(fingerprint);
			if (counts === null) return true;
			counts.live++;
			if (counts.live <= counts.shown) {
				// An entry without a time matches every occurrence of the same line over the whole
				// horizon (a cron's "refreshed sitemap" every minute), not one millisecond's: history
				// having shown as many says nothing about this one. Shown, never held back for it.
				if (!timeless(fingerprint)) return false;
				counts.shown = counts.live;
				return true;
			}
			counts.shown++;
			return true;
		});
	}

	/**
	 * Records history entries (any order, from one page or several).
	 * @param load which read of the history they belong to: reads of overlapping windows (a backfill,
	 *   then a gap's window around it) bring the same entries again, and an entry is only new when one
	 *   read brings more of it than were ever shown. Pages of one read share one `load` (default: all
	 *   calls are one read).
	 * @returns those not already shown (live or history), in the order given, counting multiplicity
	 */
	admitHistory(entries: readonly HistoryEntry[], load = 0): HistoryEntry[] {
		return entries.filter((entry) => {
			const counts = this.#record(entryFingerprint(entry));
			if (counts === null) return true;
			if (counts.load !== load) {
				counts.load = load;
				counts.loadCount = 0;
			}
			counts.loadCount++;
			if (counts.loadCount <= counts.shown) return false;
			counts.shown++;
			return true;
		});
	}

	/** Forgets everything (a new window, a new project). */
	clear(): void {
		this.#counts.clear();
	}

	/** The counts of a fingerprint (new ones at zero), or null when it is too old to remember. */
	#record(fingerprint: string): Counts | null {
		const now = this.#now();
		const time = timeOfFingerprint(fingerprint) ?? now;
		const cutoff = now - this.#horizonMs;
		let counts = this.#counts.get(fingerprint);
		if (counts === undefined) {
			// Too old to meet the other source: shown, not remembered.
			if (time < cutoff) return null;
			counts = { live: 0, shown: 0, load: 0, loadCount: 0, time };
			this.#maybeSweep(cutoff);
			this.#counts.set(fingerprint, counts);
		}
		return counts;
	}

	/** Drops old fingerprints now and then (amortized O(1)), and the oldest when over the cap. */
	#maybeSweep(cutoff: number): void {
		this.#sinceSweep++;
		const size = this.#counts.size;
		if (size <= this.#max && this.#sinceSweep < Math.max(1024, size >> 1)) return;
		this.#sinceSweep = 0;
		for (const [fingerprint, counts] of this.#counts) {
			if (counts.time < cutoff) this.#counts.delete(fingerprint);
		}
		if (this.#counts.size <= this.#max) return;
		// Still over the cap: keep the newest `max * 3/4`, so the next sweep is not at once.
		const keep = Math.floor((this.#max * 3) / 4);
		const byTime = [...this.#counts].sort((a, b) => a[1].time - b[1].time);
		for (let i = 0; i < byTime.length - keep; i++) this.#counts.delete((byTime[i] as [string, Counts])[0]);
	}
}
