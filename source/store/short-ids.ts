/**
 * Labels for projects with no known name: the shortest UUID prefix that tells the open projects
 * apart. UUIDv7s made the same minute share their first 8 characters (`0193a4c2-…`), so a fixed
 * 8-character cut gives two panes (or two line-mode prefixes) the same label. Pure, so panes, the
 * picker, replay and line mode all label the same way.
 */

/** Prefixes are never shorter than this: 8 hex digits read as an id, and are what catalyst users see. */
export const minPrefix = 8;

/** Characters two strings share at their start. */
function common(a: string, b: string): number {
	const n = Math.min(a.length, b.length);
	let i = 0;
	while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
	return i;
}

/**
 * For each of `ids` (duplicates allowed, order kept), the shortest prefix of at least `min`
 * characters that no other distinct id starts with; an id that is a prefix of another is whole. A
 * prefix never ends on a `-`: it takes the next character too (`0193a4c2-7`, not `0193a4c2-`).
 * @returns a map from each id to its label
 */
export function shortestPrefixes(ids: readonly string[], min = minPrefix): Map<string, string> {
	const distinct = [...new Set(ids)].sort();
	const labels = new Map<string, string>();
	distinct.forEach((id, i) => {
		// In sorted order the longest prefix shared with any other id is shared with a neighbour.
		const before = i > 0 ? common(id, distinct[i - 1] as string) : 0;
		const after = i + 1 < distinct.length ? common(id, distinct[i + 1] as string) : 0;
		let length = Math.max(min, Math.max(before, after) + 1);
		if (id.charAt(length - 1) === "-") length++;
		labels.set(id, id.slice(0, Math.min(id.length, length)));
	});
	return labels;
}

/**
 * What to call each project: its name when known, else its shortest distinguishing prefix among all
 * of `uuids` (named ones included, so a label never changes when another project gains a name).
 */
export function projectLabels(
	uuids: readonly string[],
	nameOf: (uuid: string) => string | undefined,
): Map<string, string> {
	const prefixes = shortestPrefixes(uuids);
	const labels = new Map<string, string>();
	for (const uuid of uuids) labels.set(uuid, nameOf(uuid) ?? prefixes.get(uuid) ?? uuid);
	return labels;
}
