/**
 * How many runs each fuzz property makes: a few hundred in `npm test` (fast), `FUZZ_RUNS` in
 * `npm run fuzz` (10,000). A failure prints fast-check's seed and path: pass them back with
 * `FUZZ_SEED=<seed> FUZZ_PATH=<path>` to replay exactly that case.
 */
import type fc from "fast-check";

const fromEnv = Number(process.env.FUZZ_RUNS);

/** Runs per property. */
export const numRuns = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 300;

/** Options for `fc.assert`: the run count, and a replayed seed when one is given. */
export function fuzzOptions<T>(): fc.Parameters<T> {
	const seed = Number(process.env.FUZZ_SEED);
	const path = process.env.FUZZ_PATH;
	return {
		numRuns,
		...(Number.isInteger(seed) ? { seed } : {}),
		...(path ? { path } : {}),
	};
}

/**
 * A generous per-test timeout for `numRuns` runs of a property taking up to `msPerRun`: a failure
 * bound, never a speed limit (on a machine whose cores are busy elsewhere a run can take several
 * times longer, and a property that fails needs time to shrink its case).
 */
export function timeoutFor(msPerRun: number): number {
	return Math.max(180_000, numRuns * msPerRun);
}
