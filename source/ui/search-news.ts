/**
 * Which search changes the user is waiting for: they are drawn at once instead of at the next paced
 * frame (on a large, busy screen that can be a few hundred milliseconds away).
 */
import type { SearchSnapshot } from "../store/types.js";

/**
 * Whether going from `before` to `after` is search news worth a frame now: a new query, its first
 * matches, or its end. Progress in between (more matches while it runs) waits for the pacer.
 */
export function isSearchNews(before: SearchSnapshot | null, after: SearchSnapshot | null): boolean {
	if (after === null || before === after) return false;
	if (before === null || before.query !== after.query || before.mode !== after.mode) return true;
	if (before.matchCount === 0 && after.matchCount > 0) return true;
	return before.pending && !after.pending;
}
