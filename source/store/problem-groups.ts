/**
 * The problems view's data (issue 12 item 12): the exceptions the buffers hold, grouped by fingerprint
 * (`problem-fingerprint.ts`), and the requests that failed with a 5xx, by method and path. Computed
 * when the view opens (and when its scope changes) from the fingerprints taken as rows arrive
 * (`exception-fingerprints.ts`): one pass over what is held, 20-40 ms of CPU at 100k entries
 * (measured: see the readme's "Problems view"), and nothing has to be undone on eviction: what is not
 * held is simply not seen. Framework-free.
 */
import { oneLine } from "../model/sanitize.js";
import type { RequestInfo } from "../model/types.js";
import { exceptionFingerprint } from "./exception-fingerprints.js";
import type { ProblemFingerprint } from "./problem-fingerprint.js";
import type { Entry } from "./types.js";

/** A pane's rows as the problems view reads them (a `RingBuffer<Entry>` is one). */
export interface ProblemRows {
	readonly start: number;
	readonly end: number;
	at(index: number): Entry | undefined;
}

/** One pane to read: its exception rows (oldest first) and all its rows (for the 5xx). */
export interface ProblemSource {
	readonly paneId: string;
	readonly exceptions: readonly Entry[];
	readonly rows: ProblemRows;
}

/** One exception row of a group, and the pane it is in. */
export interface ProblemOccurrence {
	readonly paneId: string;
	readonly entry: Entry;
}

/** A path and how often it was hit. */
export interface RouteCount {
	readonly path: string;
	readonly count: number;
}

export interface ProblemGroup extends ProblemFingerprint {
	readonly count: number;
	readonly firstSeen: number;
	readonly lastSeen: number;
	/** Oldest first (by time, then arrival): Enter opens the last, `[` / `]` step through them. */
	readonly occurrences: readonly ProblemOccurrence[];
	/** The paths its requests hit, most first, at most three (ties: the path seen last first). */
	readonly routes: readonly RouteCount[];
	/** Occurrences per slice of the report's span (`SPARK_BUCKETS` slices, oldest first). */
	readonly spark: readonly number[];
	/** The panes it occurred in, in the order of the sources. */
	readonly paneIds: readonly string[];
}

/** Requests that failed with a 5xx, by method and path. */
export interface FailingRoute {
	readonly method: string;
	readonly path: string;
	readonly count: number;
	readonly lastSeen: number;
}

export interface ProblemReport {
	/** Most occurrences first; ties: seen last first. */
	readonly groups: readonly ProblemGroup[];
	/** Most 5xx first, at most `TOP_ROUTES`; ties: seen last first. */
	readonly routes: readonly FailingRoute[];
	/** Exception rows read, and 5xx requests counted. */
	readonly exceptions: number;
	readonly serverErrors: number;
}

export const SPARK_BUCKETS = 24;
export const TOP_ROUTES = 5;
const ROUTES_PER_GROUP = 3;

/** A path without its query or fragment: `/en/cart?x=1` is the route `/en/cart`. */
export function routeOf(path: string): string {
	const cut = path.search(/[?#]/);
	return cut < 0 ? path : path.slice(0, cut);
}

/**
 * A request's route and `METHOD route`, remembered per request object (the store's compact events keep
 * theirs, and all rows of an event share it): deriving `path` from the URL costs more than the rest of
 * a row's share of the report.
 */
const routes = new WeakMap<RequestInfo, { readonly route: string; readonly key: string }>();

function routeInfo(request: RequestInfo): { readonly route: string; readonly key: string } {
	let info = routes.get(request);
	if (info === undefined) {
		// One line: the view draws a route per row (a hostile URL may hold a newline).
		const route = oneLine(routeOf(request.path));
		info = { route, key: [oneLine(request.method), route].join(" ") };
		routes.set(request, info);
	}
	return info;
}

interface GroupBuilder {
	readonly fingerprint: ProblemFingerprint;
	readonly occurrences: ProblemOccurrence[];
	readonly routes: Map<string, { count: number; last: number }>;
}

const byTimeThenSeq = (a: ProblemOccurrence, b: ProblemOccurrence): number =>
	a.entry.time - b.entry.time || a.entry.seq - b.entry.seq;

function inOrder(occurrences: readonly ProblemOccurrence[]): boolean {
	for (let i = 1; i < occurrences.length; i++)
		if (byTimeThenSeq(occurrences[i - 1] as ProblemOccurrence, occurrences[i] as ProblemOccurrence) > 0)
			return false;
	return true;
}

/** Counts a route in a map of counts, remembering when it was seen last. */
function countRoute(map: Map<string, { count: number; last: number }>, key: string, time: number): void {
	const seen = map.get(key);
	if (seen === undefined) map.set(key, { count: 1, last: time });
	else {
		seen.count++;
		if (time > seen.last) seen.last = time;
	}
}

/** The report over `sources` (one pane, or every open pane). */
export function buildProblemReport(sources: readonly ProblemSource[]): ProblemReport {
	const builders = new Map<string, GroupBuilder>();
	let exceptions = 0;
	for (const source of sources) {
		for (const entry of source.exceptions) {
			const fingerprint = exceptionFingerprint(entry);
			if (fingerprint === undefined) continue;
			exceptions++;
			let builder = builders.get(fingerprint.key);
			if (builder === undefined) {
				builder = { fingerprint, occurrences: [], routes: new Map() };
				builders.set(fingerprint.key, builder);
			}
			builder.occurrences.push({ paneId: source.paneId, entry });
			const request = entry.event?.request;
			const route = request ? routeInfo(request).route : "";
			if (route !== "") countRoute(builder.routes, route, entry.time);
		}
	}
	const { routes, serverErrors } = failingRoutes(sources);
	const groups = finishGroups([...builders.values()], sources);
	return { groups, routes, exceptions, serverErrors };
}

/** Sorted, with their sparklines over the span of every occurrence. */
function finishGroups(builders: readonly GroupBuilder[], sources: readonly ProblemSource[]): ProblemGroup[] {
	let from = Number.POSITIVE_INFINITY;
	let to = Number.NEGATIVE_INFINITY;
	for (const builder of builders) {
		// One pane's occurrences usually arrive in time order already: sort only when they did not.
		if (!inOrder(builder.occurrences)) builder.occurrences.sort(byTimeThenSeq);
		from = Math.min(from, builder.occurrences[0]?.entry.time ?? from);
		to = Math.max(to, builder.occurrences.at(-1)?.entry.time ?? to);
	}
	const span = Math.max(1, to - from);
	const order = new Map(sources.map((source, i) => [source.paneId, i]));
	const groups = builders.map((builder): ProblemGroup => {
		const spark = new Array<number>(SPARK_BUCKETS).fill(0);
		const panes = new Set<string>();
		for (const { paneId, entry } of builder.occurrences) {
			const bucket = Math.min(SPARK_BUCKETS - 1, Math.floor(((entry.time - from) / span) * SPARK_BUCKETS));
			spark[bucket] = (spark[bucket] ?? 0) + 1;
			panes.add(paneId);
		}
		return {
			...builder.fingerprint,
			count: builder.occurrences.length,
			firstSeen: builder.occurrences[0]?.entry.time ?? 0,
			lastSeen: builder.occurrences.at(-1)?.entry.time ?? 0,
			occurrences: builder.occurrences,
			routes: topCounts(builder.routes, ROUTES_PER_GROUP).map(([path, seen]) => ({
				path,
				count: seen.count,
			})),
			spark,
			paneIds: [...panes].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
		};
	});
	return groups.sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen);
}

/** The `n` largest counts, ties broken by the one seen last. */
function topCounts<T extends { count: number; last: number }>(map: Map<string, T>, n: number): [string, T][] {
	return [...map].sort(([, a], [, b]) => b.count - a.count || b.last - a.last).slice(0, n);
}

/**
 * The 5xx requests of every source by method and path: each event counted once, at its first row
 * (the request row, or its first log).
 */
function failingRoutes(sources: readonly ProblemSource[]): { routes: FailingRoute[]; serverErrors: number } {
	const counts = new Map<string, { count: number; last: number }>();
	const named = new Map<string, { method: string; path: string }>();
	let serverErrors = 0;
	for (const { rows } of sources) {
		for (let i = rows.start; i < rows.end; i++) {
			const entry = rows.at(i);
			if (entry === undefined || !(entry.kind === "request" || (entry.kind === "log" && entry.index === 0)))
				continue;
			const request = entry.event?.request;
			if (request === undefined || request === null || request.status < 500) continue;
			serverErrors++;
			const { route, key } = routeInfo(request);
			if (!named.has(key)) named.set(key, { method: oneLine(request.method), path: route });
			countRoute(counts, key, entry.event?.time ?? entry.time);
		}
	}
	const routes = topCounts(counts, TOP_ROUTES).map(([key, seen]) => ({
		method: named.get(key)?.method ?? "",
		path: named.get(key)?.path ?? "",
		count: seen.count,
		lastSeen: seen.last,
	}));
	return { routes, serverErrors };
}
