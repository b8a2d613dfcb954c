/** A small corpus covering every field a query can narrow on (see search.test.ts for the table). */
import type { EventSpec } from "./events.js";

export const corpusSpecs: readonly EventSpec[] = [
	/* 1 */ {
		url: "/checkout",
		status: 500,
		logs: [{ level: "error", text: "Internal server error" }],
		exceptions: [{ name: "TypeError", message: "Cannot read property of undefined" }],
	},
	/* 2 */ { url: "https://example.com/products", status: 200, logs: ["Request processed successfully"] },
	/* 3 */ { method: "POST", url: "https://store.example.com/api/cart", status: 204 },
	/* 4 */ {
		url: "https://store.example.com/en/cart",
		status: 500,
		logs: [
			{ level: "log", text: "cart lookup c-42" },
			{ level: "warn", text: "slow upstream 812" },
			{ level: "error", text: "BigCommerceAPIError: BigCommerce API returned 530" },
		],
		exceptions: [{ name: "BigCommerceAPIError", message: "BigCommerce API returned 530" }],
	},
	/* 5 */ { request: null, logs: [{ level: "log", text: "DOQueueHandler: revalidated 3 tags" }] },
	/* 6 */ {
		url: "/checkout/confirm",
		status: 302,
		logs: [{ level: "debug", text: "redirecting to confirmation page" }],
	},
	/* 7 */ {
		method: "PUT",
		url: "/account",
		status: 404,
		logs: [
			{
				level: "warn",
				text: "customer record not found for session 5f1c2a9e while rendering the account page, sending them to checkout",
			},
		],
	},
	/* 8 */ {
		method: "DELETE",
		url: "/cart/items/9",
		status: 403,
		logs: [{ level: "info", text: "forbidden" }],
	},
];
