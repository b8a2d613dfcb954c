/**
 * The one-key quick filters of an incident: only 5xx, only errors and exceptions, only this route.
 * Each is a toggle that adds field tokens to the typed query (so they combine with it by AND and show
 * as chips, never as text in the search box).
 */

export type QuickFilterKind = "serverErrors" | "errors" | "route";

/** Which quick filters are on; `route` is the path of the chosen row, or null. */
export interface QuickFilters {
	readonly serverErrors: boolean;
	readonly errors: boolean;
	readonly route: string | null;
}

export const noQuickFilters: QuickFilters = Object.freeze({
	serverErrors: false,
	errors: false,
	route: null,
});

export function anyQuickFilter(filters: QuickFilters): boolean {
	return filters.serverErrors || filters.errors || filters.route !== null;
}

/** The field tokens the filters add to the query (an exception row's level is "error"). */
export function quickFilterTokens(filters: QuickFilters): string[] {
	const tokens: string[] = [];
	if (filters.serverErrors) tokens.push("status:5xx");
	if (filters.errors) tokens.push("level:>=error");
	if (filters.route !== null) tokens.push(`route:"${filters.route.replaceAll('"', "")}"`);
	return tokens;
}

/** The chips the status bar shows: `5xx`, `errors`, `route /checkout`. */
export function quickFilterChips(filters: QuickFilters): string[] {
	const chips: string[] = [];
	if (filters.serverErrors) chips.push("5xx");
	if (filters.errors) chips.push("errors");
	if (filters.route !== null) chips.push(`route ${filters.route}`);
	return chips;
}

/**
 * The filters with one toggled.
 * @param route for `route`: the path to filter on when turning it on
 */
export function toggleQuickFilter(
	filters: QuickFilters,
	kind: QuickFilterKind,
	route?: string,
): QuickFilters {
	switch (kind) {
		case "serverErrors":
			return { ...filters, serverErrors: !filters.serverErrors };
		case "errors":
			return { ...filters, errors: !filters.errors };
		default:
			return { ...filters, route: filters.route !== null ? null : (route ?? null) };
	}
}
