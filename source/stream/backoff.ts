/**
 * Exponential backoff with full jitter: the n-th consecutive failure waits a uniformly random time
 * in [0, min(cap, base * 2^(n-1))). Full jitter spreads the reconnects of many projects (and many
 * users) that lost their streams at the same moment, instead of having them retry in lockstep.
 */

export interface BackoffOptions {
	/** The ceiling of the first wait. */
	readonly baseMs: number;
	/** No wait is ever longer. */
	readonly capMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 500, capMs: 30_000 };

/**
 * The wait before the next attempt after `failures` consecutive failures (1 for the first).
 * `random` returns a number in [0, 1]; `() => 1` gives the ceiling itself (500, 1000, 2000, ... cap).
 */
export function backoffDelay(failures: number, options: BackoffOptions, random: () => number): number {
	const r = random();
	const fraction = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 1;
	return Math.round(fraction * backoffCeiling(failures, options));
}

/** The step itself: the longest wait after `failures` consecutive failures (500, 1000, 2000, ... cap). */
export function backoffCeiling(failures: number, options: BackoffOptions): number {
	// The exponent is clamped so 2^n stays finite however long an outage lasts.
	const exponent = Math.min(Math.max(failures - 1, 0), 40);
	return Math.min(options.capMs, options.baseMs * 2 ** exponent);
}
