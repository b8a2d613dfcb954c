/**
 * Page-view invocations: storefront renders that log nothing, log their render time, fetch a product,
 * run a checkout query, or redirect to a locale. Each draws from the generator's PRNG in a fixed
 * order, which is what makes a seed reproduce the same traffic.
 */
import { type Draft, iso, type TrafficContext } from "./traffic-draft.js";
import { productNames, products } from "./traffic-words.js";

/** A page render that logged nothing: the most common event of all. */
export function quietPageView({ url, pagePath }: TrafficContext): Draft {
	return {
		request: { method: "GET", url: url(pagePath()), status_code: 200 },
		logs: [],
		exceptions: [],
	};
}

/** A page render that logged how long it took. */
export function loggedPageView({ random, url, pagePath }: TrafficContext, t: number): Draft {
	const path = pagePath();
	return {
		request: { method: "GET", url: url(path), status_code: 200 },
		logs: [
			{
				timestamp: iso(t - random.int(5, 80)),
				level: random.pick(["info", "info", "debug", "log"]),
				messages: [`rendered ${path} in ${random.int(12, 480)}ms`],
			},
		],
		exceptions: [],
	};
}

/** A product page that logged its fetch, with a non-string message (the cache outcome). */
export function productFetch({ random, url }: TrafficContext, t: number): Draft {
	return {
		request: { method: "GET", url: url(`/en/products/${random.pick(products)}`), status_code: 200 },
		logs: [
			{
				timestamp: iso(t - random.int(5, 60)),
				level: "info",
				messages: [
					`Fetched product 「${random.pick(productNames)}」 ✅`,
					{ cache: random.pick(["HIT", "MISS", "STALE"]) },
				],
			},
		],
		exceptions: [],
	};
}

/** A checkout POST that logged a multi-line GraphQL query. */
export function checkoutQuery({ random, url }: TrafficContext, t: number): Draft {
	return {
		request: { method: "POST", url: url("/en/checkout"), status_code: 200 },
		logs: [
			{
				timestamp: iso(t - random.int(5, 50)),
				level: "debug",
				messages: [
					`GraphQL query took ${random.int(40, 1500)}ms:\n  query Checkout {\n    site { cart { entityId } }\n  }`,
				],
			},
		],
		exceptions: [],
	};
}

/** A page the middleware redirected to its locale. */
export function localeRedirect({ random, url, pagePath }: TrafficContext, t: number): Draft {
	return {
		request: { method: "GET", url: url(pagePath()), status_code: random.pick([307, 308]) },
		logs: [{ timestamp: iso(t - 3), level: "info", messages: ["middleware: locale redirect"] }],
		exceptions: [],
	};
}
