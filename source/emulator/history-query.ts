/**
 * Reads and validates the query string of the history endpoint. Every problem is collected per
 * field, as the v3 API reports them in a 422 body's `errors` map.
 */

/** The levels `level:min` knows, lowest first; any other level (e.g. "log") ranks as info. */
const levels = ["debug", "info", "warn", "error"] as const;
export type Level = (typeof levels)[number];

/** The rank of a level for `level:min`: debug 0 < info 1 < warn 2 < error 3. */
export function levelRank(level: unknown): number {
	const index = levels.indexOf(String(level).toLowerCase() as Level);
	return index === -1 ? 1 : index;
}

/** The filters of a query; a cursor is valid only with the same window and filters. */
export interface HistoryFilters {
	readonly entryType?: "log" | "request";
	/** Upper-case. */
	readonly method?: string;
	readonly statusCode?: number;
	readonly urlLike?: string;
	readonly levelMin?: Level;
}

export interface HistoryQuery {
	readonly startMs: number;
	readonly endMs: number;
	readonly limit: number;
	readonly filters: HistoryFilters;
	readonly after?: string;
	readonly before?: string;
}

export type ParsedQuery =
	| { readonly ok: true; readonly query: HistoryQuery }
	| { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

const maxWindowMs = 7 * 24 * 60 * 60 * 1000;
const isoPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Date.parse of a full ISO-8601 date-time with a zone, else NaN. */
function isoTime(text: string | null): number {
	return text !== null && isoPattern.test(text) ? Date.parse(text) : Number.NaN;
}

/** `text` as an integer in [min, max], else null. */
function intIn(text: string, min: number, max: number): number | null {
	if (!/^-?\d+$/.test(text)) return null;
	const value = Number(text);
	return value >= min && value <= max ? value : null;
}

function parseWindow(params: URLSearchParams, errors: Record<string, string>) {
	const startMs = isoTime(params.get("start"));
	const endMs = isoTime(params.get("end"));
	if (Number.isNaN(startMs)) errors.start = "start is required, as an ISO-8601 date-time";
	if (Number.isNaN(endMs)) errors.end = "end is required, as an ISO-8601 date-time";
	if (startMs > endMs) errors.start = "start must not be after end";
	else if (endMs - startMs > maxWindowMs) errors.end = "the window from start to end may span at most 7 days";
	return { startMs, endMs };
}

function parseFilters(params: URLSearchParams, errors: Record<string, string>): HistoryFilters {
	const filters: { -readonly [K in keyof HistoryFilters]: HistoryFilters[K] } = {};
	const entryType = params.get("entry_type");
	if (entryType === "log" || entryType === "request") filters.entryType = entryType;
	else if (entryType !== null) errors.entry_type = "entry_type must be one of log, request";
	const method = params.get("method");
	if (method !== null) filters.method = method.toUpperCase();
	const status = params.get("status_code");
	if (status !== null) {
		const value = intIn(status, 100, 599);
		if (value === null) errors.status_code = "status_code must be an integer from 100 to 599";
		else filters.statusCode = value;
	}
	const urlLike = params.get("url:like");
	if (urlLike !== null) filters.urlLike = urlLike;
	const levelMin = params.get("level:min");
	if (levelMin !== null) {
		if ((levels as readonly string[]).includes(levelMin)) filters.levelMin = levelMin as Level;
		else errors["level:min"] = "level:min must be one of debug, info, warn, error";
	}
	return filters;
}

/** The query of a history request, or the per-field errors of a 422. Default limit 100. */
export function parseHistoryQuery(params: URLSearchParams): ParsedQuery {
	const errors: Record<string, string> = {};
	const { startMs, endMs } = parseWindow(params, errors);
	const limitText = params.get("limit");
	const limit = limitText === null ? 100 : intIn(limitText, 1, 500);
	if (limit === null) errors.limit = "limit must be an integer from 1 to 500";
	const filters = parseFilters(params, errors);
	const after = params.get("after");
	const before = params.get("before");
	if (after !== null && before !== null) errors.after = "after and before cannot be used together";
	if (Object.keys(errors).length > 0 || limit === null) return { ok: false, errors };
	return {
		ok: true,
		query: {
			startMs,
			endMs,
			limit,
			filters,
			...(after === null ? {} : { after }),
			...(before === null ? {} : { before }),
		},
	};
}
