/**
 * Fills the history log with past traffic at start (`historySeedMs`), so `--demo` and tests have a
 * few hours to page through: each project's own generator, at the configured rate with Poisson
 * gaps, timestamps in the past, deterministic from the seed.
 */
import { createRandom, hashString } from "./prng.js";
import type { TrafficGenerator } from "./traffic.js";

const maxSeedMs = 7 * 24 * 60 * 60 * 1000;
/**
 * At most this many seeded events per project: a demo at 10 events/s over 3 hours would otherwise
 * generate 100,000 each and take seconds to start. Past it the seeded rate is lowered, not the span.
 */
const maxSeedEvents = 20_000;

export interface HistorySeedOptions {
	readonly generators: ReadonlyMap<string, TrafficGenerator>;
	/** Events per second per project; 0 or less = nothing. */
	readonly rate: number;
	readonly seed: number;
	/** How far back the traffic starts (capped at 7 days). */
	readonly spanMs: number;
	/** The end of the seeded span (ms): now, at start. */
	readonly now: number;
	readonly record: (projectUuid: string, event: Record<string, unknown>, at: number) => void;
}

/** Generates the past traffic of every project, oldest first, into `record`. */
export function seedHistory(options: HistorySeedOptions): void {
	const spanMs = Math.min(Math.max(0, options.spanMs), maxSeedMs);
	if (!(options.rate > 0) || spanMs === 0) return;
	const rate = Math.min(options.rate, (maxSeedEvents * 1000) / spanMs);
	const meanGapMs = 1000 / rate;
	for (const [projectUuid, generator] of options.generators) {
		const random = createRandom((options.seed ^ hashString(`history-seed:${projectUuid}`)) >>> 0);
		const gap = () => -Math.log(1 - random.next()) * meanGapMs;
		for (let at = options.now - spanMs + gap(); at < options.now; at += gap()) {
			options.record(projectUuid, generator.next(at), Math.floor(at));
		}
	}
}
