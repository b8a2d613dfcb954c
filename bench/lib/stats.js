/**
 * Small statistics for noisy measurements: every figure the bench reports is a median with its range
 * over the repetitions, never a single run.
 */

/**
 * @typedef {{ median: number, min: number, max: number, n: number, values: number[] }} Summary
 */

/**
 * The p-th percentile (0..100) of already sorted numbers, by linear interpolation.
 * @param {readonly number[]} sorted
 * @param {number} p
 */
export function percentile(sorted, p) {
	if (sorted.length === 0) return Number.NaN;
	const at = (sorted.length - 1) * (p / 100);
	const low = Math.floor(at);
	const high = Math.ceil(at);
	const a = /** @type {number} */ (sorted[low]);
	const b = /** @type {number} */ (sorted[high]);
	return a + (b - a) * (at - low);
}

/**
 * Median and range of repeated measurements (non-finite values are dropped: a failed run).
 * @param {readonly number[]} values
 * @returns {Summary | null}
 */
export function summarize(values) {
	const finite = values.filter((value) => Number.isFinite(value));
	if (finite.length === 0) return null;
	const sorted = [...finite].sort((a, b) => a - b);
	return {
		median: percentile(sorted, 50),
		min: /** @type {number} */ (sorted[0]),
		max: /** @type {number} */ (sorted[sorted.length - 1]),
		n: sorted.length,
		values: finite,
	};
}

/**
 * p50/p95/p99/max of a sample set (latencies of one run).
 * @param {readonly number[]} samples
 */
export function distribution(samples) {
	const sorted = [...samples].sort((a, b) => a - b);
	return {
		count: sorted.length,
		p50: percentile(sorted, 50),
		p90: percentile(sorted, 90),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		max: sorted.length > 0 ? /** @type {number} */ (sorted[sorted.length - 1]) : Number.NaN,
	};
}
