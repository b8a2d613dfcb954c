/**
 * The reads a pane asks for and places itself (none is given to the sink): the page before its
 * oldest row (scrolling back), a window around a time ("go to a time"), and a page of what
 * server-side filters match before its oldest row (filter mode's "search older history").
 */
import { groupWindowMs } from "../model/history-group.js";
import type { Clock } from "../util/clock.js";
import { nextTurn } from "./event-loop-slicing.js";
import type { HistoryFilters, HistoryPageRequest } from "./history-client.js";
import type { AroundResult, FilteredResult, OlderResult, ReadRefusal } from "./history-feed-types.js";
import type { HistoryReader, ProjectState } from "./history-project.js";
import { entryTimeMs, walkHistory } from "./history-walk.js";

const dayMs = 24 * 60 * 60 * 1000;
/** The API's own horizon: nothing older than this can be read. */
export const historyHorizonMs = 7 * dayMs;

/** What the reads share: the reader, the clock, the page size. */
export interface ReadContext {
	readonly reader: HistoryReader;
	readonly clock: Clock;
	readonly pageSize: number | undefined;
}

/** The oldest instant a read may ask for now (a minute inside the horizon: the clocks differ). */
export function oldestReadable(clock: Clock): number {
	return clock.now() - historyHorizonMs + 60_000;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Why a project cannot be read, or null when it can. */
function refusal(state: ProjectState | undefined): ReadRefusal | null {
	if (state === undefined) return { kind: "off", reason: "the project is not open" };
	if (state.off) return { kind: "off", reason: "history is off for this store" };
	return null;
}

/** A failed read as what the caller is told. */
function refused(ctx: ReadContext, state: ProjectState, error: unknown): ReadRefusal {
	const reason = ctx.reader.failure(state, error);
	return reason === null
		? { kind: "off", reason: "history is off for this store" }
		: { kind: "failed", reason };
}

/**
 * Runs `read` (given the oldest instant it may ask for) when the project is open with history on,
 * then lets keys and frames through (a page of 500 entries is a few ms of work); a failure is the
 * refusal the caller is told.
 */
async function guarded<R>(
	ctx: ReadContext,
	state: ProjectState | undefined,
	read: (state: ProjectState, oldest: number) => Promise<R>,
): Promise<R | ReadRefusal> {
	const no = refusal(state);
	if (no !== null || state === undefined) return no as ReadRefusal;
	try {
		const result = await read(state, oldestReadable(ctx.clock));
		await nextTurn();
		return result;
	} catch (error) {
		return refused(ctx, state, error);
	}
}

/** One page of `request` as one read of the ledger, its entries turned oldest first. */
async function readPage(ctx: ReadContext, state: ProjectState, request: HistoryPageRequest) {
	const readId = ctx.reader.startRead(state, Date.parse(request.start), Date.parse(request.end));
	const page = await state.client.page(request, state.controller.signal);
	return { page, raws: [...page.entries].reverse(), readId };
}

/** One page of what came before `beforeMs` (see `HistoryFeed.loadOlder`). */
export function loadOlder(
	ctx: ReadContext,
	state: ProjectState | undefined,
	beforeMs: number,
): Promise<OlderResult> {
	return guarded(ctx, state, async (open, oldest) => {
		const step = await stepBack(ctx, open, oldest, "older", {}, beforeMs);
		return { kind: "events", events: step.events, more: step.more } as const;
	});
}

/**
 * A window around `atMs` (see `HistoryFeed.loadAround`): the page before it (context above the
 * cursor), and from `atMs` on slices oldest first (`walkHistory`) until a page's worth was read or
 * `untilMs` was reached. Both parts are one read for the ledger, so nothing shows twice.
 */
export function loadAround(
	ctx: ReadContext,
	state: ProjectState | undefined,
	atMs: number,
	untilMs: number,
): Promise<AroundResult> {
	return guarded(ctx, state, async (open, oldest) => {
		const at = Math.max(oldest, atMs);
		const until = Math.max(at, untilMs);
		const readId = ctx.reader.startRead(open, oldest, until);
		const raws: unknown[] = [];
		let more = false;
		if (at - 1 > oldest) {
			const request = { start: iso(oldest), end: iso(at - 1), limit: ctx.pageSize };
			const page = await open.client.page(request, open.controller.signal);
			for (let i = page.entries.length - 1; i >= 0; i--) raws.push(page.entries[i]);
			more = page.hasOlder && page.entries.length > 0;
		}
		const from = await readFrom(ctx, open, at, until, raws);
		const { events } = ctx.reader.newEvents(open, raws, readId);
		return { kind: "events", events, more, ...from } as const;
	});
}

/**
 * Reads from `at` on, oldest first, into `raws`: slices of a minute first (around a time the next
 * minute or two is what the cursor lands on), until a page's worth was read or `until` was reached.
 */
async function readFrom(ctx: ReadContext, state: ProjectState, at: number, until: number, raws: unknown[]) {
	const wanted = ctx.pageSize ?? 500;
	const request: HistoryPageRequest = { start: iso(at), end: iso(until), limit: ctx.pageSize };
	const options = { signal: state.controller.signal, firstSliceMs: 60_000, maxSlicePages: 2 };
	let read = 0;
	for await (const batch of walkHistory(state.client, request, at, until, options)) {
		for (const raw of batch.entries) raws.push(raw);
		read += batch.entries.length;
		if (read >= wanted && batch.throughMs < until) return { reached: false, throughMs: batch.throughMs };
	}
	return { reached: true, throughMs: until };
}

/** One page of what `filters` match before `beforeMs` (see `HistoryFeed.loadFiltered`). */
export function loadFiltered(
	ctx: ReadContext,
	state: ProjectState | undefined,
	filters: HistoryFilters,
	beforeMs: number,
): Promise<FilteredResult> {
	return guarded(ctx, state, async (open, oldest) => ({
		kind: "events",
		...(await stepBack(ctx, open, oldest, "filtered", filters, beforeMs)),
	}));
}

/**
 * One page back from `beforeMs` with `filters`, newest first on the wire, handed back oldest first
 * without what the pane already showed. A step that goes on from the walk before it (same filters,
 * asked from where that one ended) follows its cursor; the oldest invocation of a page that has
 * older ones after it is held back for the next step, so it is never cut in two.
 */
async function stepBack(
	ctx: ReadContext,
	open: ProjectState,
	oldest: number,
	slot: keyof ProjectState["walks"],
	filters: HistoryFilters,
	beforeMs: number,
) {
	const key = JSON.stringify(filters);
	const last = open.walks[slot];
	const goOn = last !== null && last.key === key && last.nextBeforeMs === beforeMs;
	if (!goOn && beforeMs <= oldest) return { events: [], fromMs: beforeMs, more: false, continued: false };
	const request: HistoryPageRequest = goOn
		? { ...last.request, after: last.cursor }
		: { ...filters, start: iso(oldest), end: iso(beforeMs), limit: ctx.pageSize };
	// A walk whose page failed (a cursor the API no longer takes, say) starts again next time.
	open.walks[slot] = null;
	const { page, raws, readId } = await readPage(ctx, open, request);
	const more = page.hasOlder && page.entries.length > 0 && page.endCursor !== null;
	if (goOn) raws.push(...last.carry);
	const { shown, carry } = more ? splitCarry(raws) : { shown: raws, carry: [] };
	const { events } = ctx.reader.newEvents(open, shown, readId);
	const fromMs = more ? (events[0]?.time ?? beforeMs) : Date.parse(request.start);
	const cursor = page.endCursor;
	open.walks[slot] =
		more && cursor !== null
			? { key, request: { ...request, after: undefined }, cursor, nextBeforeMs: fromMs, carry }
			: null;
	return { events, fromMs, more, continued: goOn };
}

/**
 * Splits a page (oldest first) that has older pages after it: the entries within an invocation's
 * reach of its oldest one (`groupWindowMs`) are held back, since the rest of their invocation may be
 * on the next page; when that is the whole page, only those of its oldest millisecond are.
 */
function splitCarry(raws: readonly unknown[]): { shown: unknown[]; carry: unknown[] } {
	const first = raws.length === 0 ? null : entryTimeMs(raws[0]);
	if (first === null) return { shown: [...raws], carry: [] };
	const within = (limit: number): number => {
		let cut = 0;
		for (; cut < raws.length; cut++) {
			const ms = entryTimeMs(raws[cut]);
			if (ms === null || ms > limit) break;
		}
		return cut;
	};
	let cut = within(first + groupWindowMs);
	if (cut === raws.length) cut = within(first);
	return { shown: raws.slice(cut), carry: raws.slice(0, cut) };
}
