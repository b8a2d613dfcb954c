/** The closest of `known` to a mistyped `word`, or null when none is close enough to be a typo. */
export function closest(word: string, known: readonly string[]): string | null {
	let best: string | null = null;
	let bestDistance = Number.POSITIVE_INFINITY;
	for (const candidate of known) {
		// A prefix (`--idle` for `--idle-timeout`) is the likeliest intent of all.
		const distance = candidate.startsWith(word) ? 0 : editDistance(word, candidate);
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	// Past a third of the word, the "suggestion" would be a guess, not a correction.
	return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

/** Levenshtein distance (insert, delete, substitute), two rows at a time. */
export function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitute = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
			current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitute);
		}
		previous = current;
	}
	return previous[b.length] ?? 0;
}
