/**
 * Rebuilds invocations from flattened history entries, so history can be shown in the same panes and
 * rows as live events. History has no event uuid and no invocation boundary: an invocation is guessed
 * from its request row and the log and exception rows of the same request (method, URL, status) close
 * to it in time. The guess only shapes what is shown together; exactly-once display of entries does
 * not depend on it (`entry-ledger.ts` works on entries).
 *
 * The rule, for entries sorted oldest first:
 * - each request row starts a group;
 * - a log or exception row with a request joins the latest request row of the same request that is at
 *   most `groupWindowMs` before it (and not after it); when there is none, the earliest one at most
 *   `groupWindowMs` after it (a live event's `timestamp` may be the end of the invocation, after its
 *   logs); a row without a valid time joins the nearest row of the same request in list order;
 * - what joins no group (no request, or no request row near) is an event of its own.
 *
 * Each event's `uuid` is `h:` and a hash of its fingerprints (`:2`, `:3`... for identical events in one
 * call), its `json` is `{"uuid":"h:...","history":true,"entries":[<raw entries, oldest first>]}`.
 */
import { createHash } from "node:crypto";
import { entryFingerprint } from "./fingerprint.js";
import type { HistoryEntry } from "./history-entry.js";
import { safeJsonStringify } from "./safe-json.js";
import type { ExceptionRecord, LogRecord, RequestInfo, TailEvent } from "./types.js";

/** A `TailEvent` rebuilt from history, not received live. */
export type HistoryTailEvent = TailEvent & {
	readonly origin: "history";
	/** The entries it was rebuilt from, oldest first. */
	readonly entries: readonly HistoryEntry[];
};

/** How far in time a log or exception row may be from its request row and still join it. */
export const groupWindowMs = 10_000;

export interface GroupOptions {
	/** The `receivedAt` of every event, and the `time` of one with no valid time (ms since the epoch). */
	readonly receivedAt?: number;
}

function requestKey(request: RequestInfo): string {
	return `${request.method}\u0000${request.url}\u0000${request.status}`;
}

interface Group {
	readonly head: HistoryEntry | null;
	readonly members: HistoryEntry[];
}

/** The request row (index into `rows`) a non-request entry at `time` and list index `at` joins, or -1. */
function pick(
	rows: readonly { index: number; time: number | null }[],
	time: number | null,
	at: number,
): number {
	if (rows.length === 0) return -1;
	if (time === null) {
		let best = -1;
		let distance = Number.POSITIVE_INFINITY;
		for (let i = 0; i < rows.length; i++) {
			const d = Math.abs((rows[i] as { index: number }).index - at);
			if (d < distance) {
				distance = d;
				best = i;
			}
		}
		return best;
	}
	let before = -1;
	let after = -1;
	for (let i = 0; i < rows.length; i++) {
		const rowTime = (rows[i] as { time: number | null }).time;
		if (rowTime === null) continue;
		if (rowTime <= time && time - rowTime <= groupWindowMs) before = i;
		else if (rowTime > time && rowTime - time <= groupWindowMs && after === -1) after = i;
	}
	return before !== -1 ? before : after;
}

/**
 * Groups history entries into invocations (see the module comment).
 * @param entries one project's entries, oldest first (as a page's `data` reversed)
 * @param projectUuid the project they belong to
 * @returns one event per invocation, in the order of their first entry
 */
export function groupHistoryEntries(
	entries: readonly HistoryEntry[],
	projectUuid: string,
	options: GroupOptions = {},
): HistoryTailEvent[] {
	const receivedAt = options.receivedAt ?? Date.now();
	// Request rows of each request, in list order (so in time order for sorted input).
	const rowsByKey = new Map<string, { index: number; time: number | null; group: Group }[]>();
	const groupOf: (Group | null)[] = entries.map(() => null);
	entries.forEach((entry, index) => {
		if (entry.kind !== "request" || entry.request === null) return;
		const group: Group = { head: entry, members: [entry] };
		groupOf[index] = group;
		const key = requestKey(entry.request);
		let rows = rowsByKey.get(key);
		if (rows === undefined) {
			rows = [];
			rowsByKey.set(key, rows);
		}
		rows.push({ index, time: entry.time, group });
	});
	entries.forEach((entry, index) => {
		if (groupOf[index] !== null) return;
		const rows = entry.request === null ? undefined : rowsByKey.get(requestKey(entry.request));
		const chosen = rows === undefined ? -1 : pick(rows, entry.time, index);
		if (rows !== undefined && chosen !== -1) {
			const group = (rows[chosen] as { group: Group }).group;
			group.members.push(entry);
			groupOf[index] = group;
		} else {
			groupOf[index] = { head: null, members: [entry] };
		}
	});
	const order = new Map<HistoryEntry, number>();
	entries.forEach((entry, index) => {
		order.set(entry, index);
	});
	const seen = new Set<Group>();
	const uuids = new Map<string, number>();
	const out: HistoryTailEvent[] = [];
	for (const group of groupOf) {
		if (group === null || seen.has(group)) continue;
		seen.add(group);
		// Members joined request row first; list order is time order (a row before its end-stamped
		// request row sorts back before it).
		group.members.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
		out.push(eventOf(group, projectUuid, receivedAt, uuids));
	}
	return out;
}

/** `<name>: <message>` back into name and message (the name as sent when the text starts with it). */
function splitException(entry: HistoryEntry): ExceptionRecord {
	const text = entry.text;
	const name = entry.exceptionName;
	if (name !== null && text.startsWith(`${name}: `)) {
		return { time: entry.time, name, message: text.slice(name.length + 2), stack: null };
	}
	const colon = text.indexOf(": ");
	if (colon !== -1) {
		return { time: entry.time, name: text.slice(0, colon), message: text.slice(colon + 2), stack: null };
	}
	return { time: entry.time, name: "", message: text, stack: null };
}

function eventOf(
	group: Group,
	projectUuid: string,
	receivedAt: number,
	uuids: Map<string, number>,
): HistoryTailEvent {
	const members = group.members;
	const logs: LogRecord[] = [];
	const exceptions: ExceptionRecord[] = [];
	for (const entry of members) {
		if (entry === group.head) continue;
		if (entry.kind === "exception") exceptions.push(splitException(entry));
		else logs.push({ time: entry.time, level: entry.level, text: entry.text });
	}
	const first = group.head ?? (members[0] as HistoryEntry);
	const eventTime = group.head !== null ? group.head.time : firstTime(members);
	const hash = createHash("sha256");
	for (const fp of members.map(entryFingerprint).sort()) hash.update(fp).update("\u0001");
	const base = `h:${hash.digest("hex").slice(0, 24)}`;
	const count = (uuids.get(base) ?? 0) + 1;
	uuids.set(base, count);
	const uuid = count === 1 ? base : `${base}:${count}`;
	const json = safeJsonStringify(eventJson(uuid, projectUuid, group, first));
	return {
		origin: "history",
		entries: members,
		uuid,
		projectUuid,
		receivedAt,
		time: eventTime ?? receivedAt,
		timeMissing: eventTime === null,
		request: first.request,
		logs,
		exceptions,
		json,
	};
}

/**
 * The event as a live event would read (so `--format json`, `--save`, replay and the detail view
 * treat it alike), marked `"history": true`, with the entries it was rebuilt from (their unknown
 * fields kept) under `"entries"`.
 */
function eventJson(
	uuid: string,
	projectUuid: string,
	group: Group,
	first: HistoryEntry,
): Record<string, unknown> {
	const logs: unknown[] = [];
	const exceptions: unknown[] = [];
	for (const entry of group.members) {
		if (entry === group.head) continue;
		const raw = entry.raw;
		if (entry.kind === "exception") {
			const split = splitException(entry);
			exceptions.push({ timestamp: raw.timestamp ?? null, name: split.name, message: split.message });
		} else {
			logs.push({ timestamp: raw.timestamp ?? null, level: raw.level ?? null, messages: raw.messages ?? [] });
		}
	}
	return {
		uuid,
		project_uuid: projectUuid,
		history: true,
		timestamp: group.head?.raw.timestamp ?? first.raw.timestamp ?? null,
		request: first.raw.request ?? null,
		logs,
		exceptions,
		entries: group.members.map((entry) => entry.raw),
	};
}

function firstTime(entries: readonly HistoryEntry[]): number | null {
	for (const entry of entries) if (entry.time !== null) return entry.time;
	return null;
}
