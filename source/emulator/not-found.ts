/**
 * 404 invocations: a product slug that does not exist (logged at warn), and the silent probes for
 * WordPress logins every public site gets.
 */
import { type Draft, iso, type TrafficContext } from "./traffic-draft.js";
import { products } from "./traffic-words.js";

/** A product page for a slug that is not in the catalog. */
export function missingProduct({ random, url, locale }: TrafficContext, t: number): Draft {
	const slug = `${random.pick(products)}-${random.int(2, 99)}`;
	return {
		request: { method: "GET", url: url(`/${locale()}/products/${slug}`), status_code: 404 },
		logs: [
			{
				timestamp: iso(t - random.int(1, 30)),
				level: "warn",
				messages: [`Product not found: ${slug}`],
			},
		],
		exceptions: [],
	};
}

/** A scanner probing for a WordPress login. */
export function loginProbe({ url }: TrafficContext): Draft {
	return {
		request: { method: "GET", url: url("/wp-login.php"), status_code: 404 },
		logs: [],
		exceptions: [],
	};
}
