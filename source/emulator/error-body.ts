/**
 * BigCommerce's JSON error body, as the v3 API sends it with every 4xx/5xx.
 */
import { STATUS_CODES } from "node:http";

export const errorTypeUrl = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes";

/** The body `{"status","title","type","errors"}` for a status, with the standard reason as default title. */
export function errorBody(status: number, title?: string): string {
	return JSON.stringify({
		status,
		title: title ?? STATUS_CODES[status] ?? "Error",
		type: errorTypeUrl,
		errors: {},
	});
}
