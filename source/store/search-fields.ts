/**
 * Field tokens (`level:`, `status:`, `method:`, `path:`, `route:`, `has:`, `project:`) as plain
 * comparisons: each becomes a predicate on an entry, or (for `project:`) on a pane.
 */

import { eventHasExceptions, eventHasLogs } from "../model/lazy-event.js";
import { type Comparison, type FieldFilter, type LevelTest, levelRank, type StatusTest } from "./query.js";
import type { Entry } from "./types.js";

function compare(a: number, cmp: Comparison, b: number): boolean {
	switch (cmp) {
		case "=":
			return a === b;
		case "<":
			return a < b;
		case "<=":
			return a <= b;
		case ">":
			return a > b;
		default:
			return a >= b;
	}
}

/** A predicate on an entry. */
export type EntryTest = (entry: Entry) => boolean;

/** One field token as a predicate on an entry (project tokens are per pane: see `paneMatches`). */
export function fieldTest(filter: FieldFilter): EntryTest | null {
	let test: EntryTest;
	switch (filter.field) {
		case "level":
			test = levelTest(filter.any);
			break;
		case "status":
			test = statusTest(filter.any);
			break;
		case "method": {
			const methods = filter.any;
			test = (entry) => {
				const request = entry.event?.request;
				return request != null && methods.includes(request.method.toUpperCase());
			};
			break;
		}
		case "path": {
			const value = filter.value;
			test = (entry) => {
				const request = entry.event?.request;
				return request?.path.toLowerCase().includes(value) === true;
			};
			break;
		}
		case "route": {
			const value = filter.value;
			test = (entry) => {
				const request = entry.event?.request;
				return request != null && request.path.toLowerCase() === value;
			};
			break;
		}
		case "has": {
			const value = filter.value;
			test = (entry) => {
				const event = entry.event;
				if (event === null) return false;
				// Compacted events answer these without parsing their JSON again.
				if (value === "exception") return eventHasExceptions(event);
				if (value === "request") return event.request !== null;
				return eventHasLogs(event);
			};
			break;
		}
		default:
			return null;
	}
	if (!filter.negate) return test;
	const positive = test;
	return (entry) => !positive(entry);
}

/** `level:` with any of its values: the level itself, or its rank compared. */
function levelTest(tests: readonly LevelTest[]): EntryTest {
	return (entry) => {
		const level = entry.level;
		if (level === "") return false;
		for (const t of tests) {
			if (t.op === "=") {
				if (level === t.level) return true;
			} else {
				const rank = levelRank[level];
				if (rank !== undefined && compare(rank, t.cmp, levelRank[t.level] as number)) return true;
			}
		}
		return false;
	};
}

/** `status:` with any of its values: a class (`5xx`) or a comparison; rows without a request never match. */
function statusTest(tests: readonly StatusTest[]): EntryTest {
	return (entry) => {
		const request = entry.event?.request;
		if (request == null) return false;
		const status = request.status;
		for (const t of tests) {
			if (t.kind === "class" ? Math.floor(status / 100) === t.hundreds : compare(status, t.cmp, t.status)) {
				return true;
			}
		}
		return false;
	};
}

/** One `project:` token: a UUID prefix or part of a name. */
export type ProjectFilter = { value: string; negate: boolean };

/** Whether a pane can hold matches of the `project:` tokens. */
export function projectTest(
	projectFilters: readonly ProjectFilter[],
): (projectUuid: string, name: string | undefined) => boolean {
	return (projectUuid, name) => {
		const uuid = projectUuid.toLowerCase();
		const lowerName = name?.toLowerCase() ?? "";
		for (const { value, negate } of projectFilters) {
			const hit = uuid.startsWith(value) || lowerName.includes(value);
			if (hit === negate) return false;
		}
		return true;
	};
}
