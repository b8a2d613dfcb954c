/**
 * The context of one generator: its PRNG and the URL helpers every scenario shares, so a page path
 * is drawn the same way wherever it appears.
 */
import type { Random } from "./prng.js";
import type { TrafficContext } from "./traffic-draft.js";
import { categories, locales, productNames, products } from "./traffic-words.js";

/** A context over `random` whose absolute URLs use `hostnames` (never empty). */
export function createTrafficContext(random: Random, hostnames: readonly string[]): TrafficContext {
	const locale = (): string => random.pick(locales);
	return {
		random,
		url: (path) => (random.chance(0.55) ? `https://${random.pick(hostnames)}${path}` : path),
		locale,
		pagePath: () =>
			random.weighted<() => string>([
				[3, () => "/"],
				[2, () => `/${locale()}`],
				[6, () => `/${locale()}/products/${random.pick(products)}`],
				[3, () => `/${locale()}/${random.pick(categories)}`],
				[1, () => `/${locale()}/${random.pick(categories)}?sort=featured&page=${random.int(1, 5)}`],
				[2, () => "/en/cart"],
				[1, () => "/en/checkout"],
				[1, () => "/en/login"],
				[1, () => "/en/account/orders"],
				[1, () => `/en/search?term=${encodeURIComponent(random.pick(productNames))}`],
			])(),
	};
}
