/**
 * The recent searches kept between runs, in `<state folder>/searches` (`state-dir.ts`): read when the
 * TUI starts, written on every applied search. The file is read again before each write, so two
 * bctail sessions at once merge their searches rather than overwrite each other's. Writes go to a
 * temporary file renamed over the old one (a crash leaves the old file or the new, never half of one).
 * A missing, unreadable or damaged file is an empty history, and a failed write is dropped: recent
 * searches are a convenience and never stop the TUI.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
	addRecent,
	holdsToken,
	parseRecent,
	type RecentSearches,
	serializeRecent,
} from "../store/recent-searches.js";

export type { RecentSearches } from "../store/recent-searches.js";

/** The file's name inside the state folder. */
export const searchesFileName = "searches";

/** The file's list, or null when it cannot be read (missing, a folder, no permission). */
function readList(file: string, token: string): readonly string[] | null {
	try {
		return parseRecent(readFileSync(file, "utf8"), token);
	} catch {
		return null;
	}
}

function writeList(file: string, list: readonly string[]): void {
	const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
	try {
		mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
		writeFileSync(temp, serializeRecent(list), { mode: 0o600 });
		renameSync(temp, file);
	} catch {
		try {
			rmSync(temp, { force: true });
		} catch {
			// The folder itself is unusable: nothing was written.
		}
	}
}

/**
 * The recent searches of `dir/searches`.
 * @param token the session's access token: a query holding it is never stored (nor shown if a file
 *   written by another session holds one)
 */
export function openSearchHistory(dir: string, token: string): RecentSearches {
	const file = path.join(dir, searchesFileName);
	let list = readList(file, token) ?? [];
	return {
		list: () => list,
		add: (query) => {
			if (holdsToken(query, token) || query.trim() === "") return;
			// What another session wrote meanwhile (or this one's, when the file is gone), with this query in front.
			const stored = readList(file, token);
			const next = addRecent(stored ?? list, query, token);
			list = next;
			// Saved only when the list changed (the same search applied again is already first).
			if (stored === null || next !== stored) writeList(file, next);
		},
	};
}
