/**
 * The search query language: field tokens that narrow, plus text. The text is literal by default: a
 * case-insensitive substring of the row as shown (time, status, method, path, level, message), as in
 * less, lnav and k9s. A leading `~` makes it fuzzy text in fuse.js's extended syntax instead.
 *
 *   level:error      exact level (also level:warn,error — any of a list)
 *   level:>=warn     by severity: trace < debug < log = info < warn < error < fatal (>, >=, <, <=)
 *   status:500       exact status; status:5xx a class; status:>=400 a comparison; lists with commas
 *   method:POST      request method (case-insensitive; lists with commas)
 *   path:/cart       substring of the request path (case-insensitive)
 *   route:/cart      the whole request path (case-insensitive; the "this route" quick filter)
 *   has:exception    the event carries an exception (also has:request, has:logs)
 *   project:shop     a project whose name contains `shop` or whose UUID starts with it
 *   !status:200      any field token negated with a leading `!` (or `-`)
 *
 * Everything else is the text, one literal substring (words joined by one space). With a leading `~`
 * (`~cart`, `status:500 ~chekout`) it is fuzzy text for fuse.js: words must all match (typos allowed),
 * `'word` exact substring, `^word` prefix, `word$` suffix, `=word` whole text, `!word` must not
 * contain, `a | b` either side. Field tokens always narrow (they are ANDed with the text, wherever
 * they stand).
 *
 * `parseQuery` never throws: a malformed field token is reported in `error` and left out.
 */

export type Comparison = "=" | "<" | "<=" | ">" | ">=";

/** One value of a field token: several (comma-separated) values mean any of them. */
export type LevelTest = { readonly op: "=" | "rank"; readonly cmp: Comparison; readonly level: string };
export type StatusTest =
	| { readonly kind: "compare"; readonly cmp: Comparison; readonly status: number }
	| { readonly kind: "class"; readonly hundreds: number };

export type FieldFilter =
	| { readonly field: "level"; readonly negate: boolean; readonly any: readonly LevelTest[] }
	| { readonly field: "status"; readonly negate: boolean; readonly any: readonly StatusTest[] }
	| { readonly field: "method"; readonly negate: boolean; readonly any: readonly string[] }
	| { readonly field: "path"; readonly negate: boolean; readonly value: string }
	| { readonly field: "route"; readonly negate: boolean; readonly value: string }
	| { readonly field: "has"; readonly negate: boolean; readonly value: "exception" | "request" | "logs" }
	| { readonly field: "project"; readonly negate: boolean; readonly value: string };

/** How fuse.js's extended search reads one space-separated term (mirrored for prefiltering). */
export type TextTermType =
	| "exact"
	| "include"
	| "prefix"
	| "inverse-prefix"
	| "inverse-suffix"
	| "suffix"
	| "inverse"
	| "fuzzy";

export interface TextTerm {
	readonly type: TextTermType;
	/** Lower-case, as fuse.js compares it. */
	readonly pattern: string;
}

export interface ParsedQuery {
	/** The query as typed. */
	readonly source: string;
	/** The text part: a literal substring, or (fuzzy) fuse.js's extended search ("" when none). */
	readonly text: string;
	/** The text is fuzzy (the query's text began with `~`); otherwise it is a literal substring. */
	readonly fuzzy: boolean;
	readonly filters: readonly FieldFilter[];
	/**
	 * Our reading of fuzzy `text` as fuse.js will read it: OR-groups of ANDed terms. null for literal
	 * text, or when the text uses quoting or an escaped `\|`, which we do not mirror (then no prefilter
	 * is applied).
	 */
	readonly groups: readonly (readonly TextTerm[])[] | null;
	/** Why some tokens were ignored, or null. */
	readonly error: string | null;
}

/** Severity order for `level:>=x`; `log` is what console.log emits on Workers, same rank as info. */
export const levelRank: Readonly<Record<string, number>> = {
	trace: 0,
	debug: 1,
	log: 2,
	info: 2,
	warn: 3,
	error: 4,
	fatal: 5,
};

const levelAliases: Readonly<Record<string, string>> = { warning: "warn", err: "error" };

const fieldToken = /^([!-]?)(level|status|method|path|route|has|project):(.*)$/is;
const comparisonPrefix = /^(>=|<=|>|<|=)?(.*)$/s;

function stripQuotes(value: string): string {
	return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function parseComparison(value: string): { cmp: Comparison; rest: string } {
	const match = comparisonPrefix.exec(value);
	const cmp = (match?.[1] ?? "=") as Comparison;
	return { cmp, rest: match?.[2] ?? "" };
}

function parseLevel(value: string): LevelTest | string {
	const { cmp, rest } = parseComparison(value.toLowerCase());
	const level = levelAliases[rest] ?? rest;
	if (level === "") return "level: needs a level, like level:error or level:>=warn";
	if (cmp === "=") return { op: "=", cmp, level };
	if (levelRank[level] === undefined) {
		return `level:${value}: ${level} has no severity (use trace, debug, log, info, warn, error, fatal)`;
	}
	return { op: "rank", cmp, level };
}

function parseStatus(value: string): StatusTest | string {
	const classMatch = /^([1-9])xx$/i.exec(value);
	if (classMatch) return { kind: "class", hundreds: Number(classMatch[1]) };
	const { cmp, rest } = parseComparison(value);
	if (!/^\d{1,3}$/.test(rest)) return `status:${value}: expected a status like 500, 5xx or >=400`;
	return { kind: "compare", cmp, status: Number(rest) };
}

function parseList<T>(
	value: string,
	each: (item: string) => T | string,
): { items: T[]; error: string | null } {
	const items: T[] = [];
	for (const item of value.split(",")) {
		if (item === "") continue;
		const parsed = each(item);
		if (typeof parsed === "string") return { items: [], error: parsed };
		items.push(parsed);
	}
	return { items, error: null };
}

/** A field token's filter, or an error message for the status bar. */
function parseField(key: string, negate: boolean, rawValue: string): FieldFilter | string {
	const value = stripQuotes(rawValue);
	if (value === "") return `${key}: needs a value`;
	switch (key) {
		case "level": {
			const { items, error } = parseList(value, parseLevel);
			if (error !== null) return error;
			if (items.length === 0) return "level: needs a value";
			return { field: "level", negate, any: items };
		}
		case "status": {
			const { items, error } = parseList(value, parseStatus);
			if (error !== null) return error;
			if (items.length === 0) return "status: needs a value";
			return { field: "status", negate, any: items };
		}
		case "method": {
			const methods = value.split(",").filter((item) => item !== "");
			if (methods.length === 0) return "method: needs a value";
			if (!methods.every((item) => /^[a-z]+$/i.test(item))) {
				return `method:${value}: expected a method like POST`;
			}
			return { field: "method", negate, any: methods.map((item) => item.toUpperCase()) };
		}
		case "path":
			return { field: "path", negate, value: value.toLowerCase() };
		case "route":
			return { field: "route", negate, value: value.toLowerCase() };
		case "has": {
			const lower = value.toLowerCase();
			if (lower === "exception" || lower === "exceptions")
				return { field: "has", negate, value: "exception" };
			if (lower === "request") return { field: "has", negate, value: "request" };
			if (lower === "logs" || lower === "log") return { field: "has", negate, value: "logs" };
			return `has:${value}: expected has:exception, has:request or has:logs`;
		}
		default:
			return { field: "project", negate, value: value.toLowerCase() };
	}
}

/**
 * Splits on whitespace, keeping a double-quoted run (fuse.js's `'"two words"`, `path:"/a b"`) in one
 * token. An unbalanced quote runs to the end.
 */
function tokenize(query: string): string[] {
	const tokens: string[] = [];
	let current = "";
	let quoted = false;
	for (const char of query) {
		if (char === '"') quoted = !quoted;
		if (!quoted && /\s/.test(char)) {
			if (current !== "") tokens.push(current);
			current = "";
		} else {
			current += char;
		}
	}
	if (current !== "") tokens.push(current);
	return tokens;
}

/** Drops `|` tokens that have nothing on one side (left behind when field tokens were taken out). */
function tidyOr(tokens: string[]): string[] {
	const out: string[] = [];
	for (const token of tokens) {
		if (token === "|" && (out.length === 0 || out[out.length - 1] === "|")) continue;
		out.push(token);
	}
	while (out.length > 0 && out[out.length - 1] === "|") out.pop();
	return out;
}

/**
 * fuse.js's single-term matchers in the order it tries them; a matcher whose capture is empty is
 * skipped, as fuse.js does (so a lone `!` is fuzzy text).
 */
const termMatchers: readonly { type: TextTermType; regex: RegExp }[] = [
	{ type: "exact", regex: /^=(.*)$/s },
	{ type: "include", regex: /^'(.*)$/s },
	{ type: "prefix", regex: /^\^(.*)$/s },
	{ type: "inverse-prefix", regex: /^!\^(.*)$/s },
	{ type: "inverse-suffix", regex: /^!(.*)\$$/s },
	{ type: "suffix", regex: /^(.*)\$$/s },
	{ type: "inverse", regex: /^!(.*)$/s },
	{ type: "fuzzy", regex: /^(.*)$/s },
];

function readTerm(token: string): TextTerm {
	for (const { type, regex } of termMatchers) {
		const pattern = regex.exec(token)?.[1];
		if (pattern) return { type, pattern };
	}
	return { type: "fuzzy", pattern: token };
}

/** The text as fuse.js's extended search will read it, or null when it uses syntax we do not mirror. */
function readGroups(text: string): TextTerm[][] | null {
	if (text === "" || text.includes('"') || text.includes("\\|")) return null;
	return text
		.toLowerCase()
		.split("|")
		.map((group) =>
			group
				.split(" ")
				.filter((token) => token !== "")
				.map(readTerm),
		);
}

/**
 * Parses a query. Never throws.
 * @param query what the user typed
 * @returns the field filters, the fuzzy text, and an error message when some tokens were ignored
 */
export function parseQuery(query: string): ParsedQuery {
	const filters: FieldFilter[] = [];
	const errors: string[] = [];
	const textTokens: string[] = [];
	for (const token of tokenize(query)) {
		const match = fieldToken.exec(token);
		if (match === null) {
			textTokens.push(token);
			continue;
		}
		const negate = match[1] !== "";
		const key = (match[2] ?? "").toLowerCase();
		const parsed = parseField(key, negate, match[3] ?? "");
		if (typeof parsed === "string") errors.push(parsed);
		else filters.push(parsed);
	}
	let text = textTokens.join(" ");
	const fuzzy = text.startsWith("~");
	if (fuzzy) text = tidyOr(tokenize(text.slice(1))).join(" ");
	else text = stripQuotes(text);
	return {
		source: query,
		text,
		fuzzy,
		filters,
		groups: fuzzy ? readGroups(text) : null,
		error: errors.length === 0 ? null : errors.join("; "),
	};
}

/** A query with nothing to search for (no text, no usable field token). */
export function isEmptyQuery(parsed: ParsedQuery): boolean {
	return parsed.text === "" && parsed.filters.length === 0;
}
