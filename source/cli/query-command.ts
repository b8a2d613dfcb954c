/**
 * `bctail query`: history as lines, the way `catalyst logs query` prints it. Where catalyst prints one
 * page and a hint, this follows every page of the window, oldest first, streaming as pages arrive
 * (see `stream/history-walk.ts`); `--limit`, `--after` or `--before` ask for catalyst's one page, its
 * meta line and its hints. Several projects merge by time, each line led by the project's label as in
 * the tail. Data goes to stdout; the summary, hints, progress and errors go to stderr, so a pipe gets
 * only entries. A closed stdout (`| head`) or Ctrl-C ends quietly.
 */

import { isRequestRow } from "../model/history-entry.js";
import { isObject } from "../model/normalize-fields.js";
import { safeJsonStringify } from "../model/safe-json.js";
import { sanitizeOneLine } from "../model/sanitize.js";
import { type LineFormat, labelColour } from "../output/line-format.js";
import { createLineWriter, type LineWriter } from "../output/line-writer.js";
import { createNoticeWriter, type NoticeWriter } from "../output/notice-writer.js";
import { describeOutputError } from "../output/output-error.js";
import { formatQueryEntry, formatQuerySummary, noEntriesSentence } from "../output/query-format.js";
import { paint } from "../output/sgr.js";
import { mergeByTime, type TimedBatch } from "../output/time-merge.js";
import { ApiError } from "../stream/api-errors.js";
import {
	HistoryClient,
	type HistoryClientOptions,
	type HistoryFilters,
	type HistoryPage,
	type HistoryPageRequest,
} from "../stream/history-client.js";
import { entryTimeMs, type HistoryWalkOptions, walkHistory } from "../stream/history-walk.js";
import type { TailTarget } from "../stream/tail-types.js";
import { waitForExitSignal } from "./exit-signal.js";
import { createProgressLine, type ProgressLine } from "./progress-line.js";

export interface QueryWindow {
	/** Sent as given (ISO-8601). */
	readonly start: string;
	readonly end: string;
	readonly startMs: number;
	readonly endMs: number;
}

export interface QueryCommandOptions {
	readonly target: TailTarget;
	readonly projects: readonly { readonly uuid: string; readonly label: string }[];
	readonly window: QueryWindow;
	readonly filters: HistoryFilters;
	readonly format: LineFormat;
	readonly color: boolean;
	/** One page only (catalyst's behaviour): given when --limit, --after or --before was. */
	readonly page?:
		| {
				readonly limit?: number | undefined;
				readonly after?: string | undefined;
				readonly before?: string | undefined;
		  }
		| undefined;
	readonly stdout: NodeJS.WritableStream;
	readonly stderr: NodeJS.WritableStream;
	/** Draw a progress line on stderr (it is a terminal). */
	readonly progress: boolean;
	/** Ends the query like Ctrl-C. */
	readonly signal?: AbortSignal | undefined;
	readonly history?: HistoryClientOptions | undefined;
	/** Entries per page when following every page (default 500, the API's most). */
	readonly pageSize?: number | undefined;
	/** How the window is cut into slices (see `walkHistory`). */
	readonly walk?: Pick<HistoryWalkOptions, "firstSliceMs" | "targetPages" | "maxSlicePages"> | undefined;
	/** The words to repeat in a next-page hint (`bctail query …`), without the cursor. */
	readonly hintCommand?: string | undefined;
}

/** Runs the query; resolves with the exit code (0, or 1 when a project failed or stdout broke). */
export async function runQuery(options: QueryCommandOptions): Promise<number> {
	const notices = createNoticeWriter(options.stderr);
	const controller = new AbortController();
	const stop = () => controller.abort();
	options.signal?.addEventListener("abort", stop, { once: true });
	if (options.signal?.aborted === true) stop();
	const stopSignals = waitForExitSignal(stop);
	const output: { failure: Error | null } = { failure: null };
	const writer = createLineWriter(options.stdout, {
		onClosed: (error) => {
			output.failure = error;
			stop();
		},
	});
	const progress = createProgressLine(options.stderr, options.progress);
	const hideRequests = options.format === "default" || options.format === "short";
	const filters: HistoryFilters = hideRequests ? { ...options.filters, entryType: "log" } : options.filters;
	const request: HistoryPageRequest = {
		...filters,
		start: options.window.start,
		end: options.window.end,
		limit: options.pageSize,
	};
	const out = queryOutput(options, { writer, notices, progress, signal: controller.signal, hideRequests });
	try {
		if (options.page !== undefined) await onePage(options, request, out, controller.signal);
		else await everyPage(options, request, out, controller.signal);
	} catch (error) {
		if (!controller.signal.aborted) throw error;
	} finally {
		stopSignals();
		options.signal?.removeEventListener("abort", stop);
		progress.clear();
		await writer.flush();
	}
	if (output.failure !== null) {
		notices.write(describeOutputError(output.failure));
		return 1;
	}
	if (controller.signal.aborted) return 0;
	const { counts } = out;
	if (options.page === undefined && options.format !== "json" && options.format !== "pretty") {
		notices.write(
			counts.shown === 0 && counts.hidden === 0
				? noEntriesSentence
				: formatQuerySummary(counts.shown, counts.hidden),
		);
	}
	return counts.failed > 0 ? 1 : 0;
}

interface QueryOutputParts {
	readonly writer: LineWriter;
	readonly notices: NoticeWriter;
	readonly progress: ProgressLine;
	/** Aborted when the query ends early (Ctrl-C, a closed stdout): failures after it are not said. */
	readonly signal: AbortSignal;
	/** Request rows are not printed (catalyst's default and short formats). */
	readonly hideRequests: boolean;
}

/** How entries are printed and failures said, and the counts both keep. */
function queryOutput(options: QueryCommandOptions, parts: QueryOutputParts): PageOutput {
	const { writer, notices, progress, signal, hideRequests } = parts;
	const multi = options.projects.length > 1;
	const prefixes = options.projects.map((project) =>
		multi ? `${options.color ? paint(labelColour(project.uuid), project.label) : project.label} ` : "",
	);
	const counts = { shown: 0, hidden: 0, failed: 0, pages: 0 };
	const print = (source: number, entry: unknown): void => {
		if (hideRequests && isRequestEntry(entry)) {
			// catalyst asks for entry_type=log and still hides request rows that come back: so do we.
			counts.hidden += 1;
			return;
		}
		const project = options.projects[source];
		const shaped = multi && options.format === "json" && project ? withProject(entry, project.uuid) : entry;
		const line = formatQueryEntry(shaped, { format: options.format, color: options.color });
		if (line === null) return;
		counts.shown += 1;
		writer.write(
			`${options.format === "json" || options.format === "pretty" ? "" : (prefixes[source] ?? "")}${line}\n`,
		);
	};
	const fail = (label: string, error: unknown): void => {
		if (signal.aborted) return;
		if (!(error instanceof ApiError)) throw error;
		counts.failed += 1;
		progress.clear();
		notices.write(multi ? `bctail: ${label}: ${error.message}` : `bctail: ${error.message}`);
	};
	return { print, fail, writer, notices, progress, counts };
}

/** Every page of the window, all projects merged by time, printed as they arrive. */
async function everyPage(
	options: QueryCommandOptions,
	request: HistoryPageRequest,
	out: PageOutput,
	signal: AbortSignal,
): Promise<void> {
	const { counts } = out;
	const sources = options.projects.map((project) =>
		projectBatches(project, request, options, signal, out.fail, (entries) => {
			counts.pages += 1;
			out.progress.show(
				`querying: ${counts.pages} page(s), ${(counts.shown + counts.hidden + entries).toLocaleString("en-US")} entries`,
			);
		}),
	);
	for await (const run of mergeByTime(sources, entryTimeMs)) {
		for (const { source, item } of run) out.print(source, item);
		if (out.writer.needsDrain) await out.writer.drained();
		if (signal.aborted) break;
	}
}

/** catalyst's request-row rule, for any value a page holds. */
function isRequestEntry(entry: unknown): boolean {
	return isObject(entry) && isRequestRow(entry);
}

/** `entry` with the project named, for NDJSON of several projects (an entry carries no project). */
function withProject(entry: unknown, projectUuid: string): unknown {
	if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return entry;
	return { project_uuid: projectUuid, ...entry };
}

/** One project's walk as timed batches; a failure is said and ends only this project. */
async function* projectBatches(
	project: { readonly uuid: string; readonly label: string },
	request: HistoryPageRequest,
	options: QueryCommandOptions,
	signal: AbortSignal,
	fail: (label: string, error: unknown) => void,
	onPage: (entries: number) => void,
): AsyncGenerator<TimedBatch<unknown>, void, void> {
	const client = new HistoryClient(options.target, project.uuid, options.history);
	try {
		for await (const batch of walkHistory(client, request, options.window.startMs, options.window.endMs, {
			...options.walk,
			signal,
			onPage,
		})) {
			yield { items: batch.entries, throughMs: batch.throughMs };
		}
	} catch (error) {
		fail(project.label, error);
	}
}

interface PageOutput {
	readonly print: (source: number, entry: unknown) => void;
	readonly fail: (label: string, error: unknown) => void;
	readonly writer: LineWriter;
	readonly notices: NoticeWriter;
	readonly progress: ProgressLine;
	readonly counts: { shown: number; hidden: number; failed: number; pages: number };
}

/** catalyst's behaviour: one page per project, its meta line (json), its summary and its hints. */
async function onePage(
	options: QueryCommandOptions,
	request: HistoryPageRequest,
	out: PageOutput,
	signal: AbortSignal,
): Promise<void> {
	const { page } = options;
	for (const [index, project] of options.projects.entries()) {
		const client = new HistoryClient(options.target, project.uuid, options.history);
		let result: HistoryPage;
		try {
			result = await client.page(
				{ ...request, limit: page?.limit, after: page?.after, before: page?.before },
				signal,
			);
		} catch (error) {
			out.fail(project.label, error);
			continue;
		}
		const shownBefore = out.counts.shown;
		const hiddenBefore = out.counts.hidden;
		for (let at = result.entries.length - 1; at >= 0; at--) out.print(index, result.entries[at]);
		if (options.format === "json") {
			if (result.pagination !== undefined)
				out.writer.write(`${safeJsonStringify({ meta: { cursor_pagination: result.pagination } })}\n`);
			continue;
		}
		if (options.format === "pretty") continue;
		const shown = out.counts.shown - shownBefore;
		const hidden = out.counts.hidden - hiddenBefore;
		out.notices.write(result.entries.length === 0 ? noEntriesSentence : formatQuerySummary(shown, hidden));
		const command = options.hintCommand ?? "bctail query";
		if (result.hasOlder && result.endCursor !== null)
			out.notices.write(
				`More results available. Next page:\n  ${command} --after ${quoteArg(result.endCursor)}`,
			);
		if (result.hasNewer && result.startCursor !== null)
			out.notices.write(
				`Newer results available. Previous page:\n  ${command} --before ${quoteArg(result.startCursor)}`,
			);
	}
}

/** A word of a hint as catalyst quotes it; the cursor comes from the server, so it is sanitized. */
export function quoteArg(value: string): string {
	const safe = sanitizeOneLine(value);
	return /\s/.test(safe) ? `'${safe}'` : safe;
}
