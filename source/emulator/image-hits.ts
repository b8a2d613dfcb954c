/**
 * Image optimizer invocations: `/_next/image` hits for a CDN product image at one of the widths the
 * storefront asks for, mostly 200 and sometimes 304. They log nothing but make long URLs.
 */
import type { Draft, TrafficContext } from "./traffic-draft.js";

/** One image optimizer hit. */
export function imageOptimizerHit({ random, url }: TrafficContext): Draft {
	const source = `https://cdn11.bigcommerce.com/s-demo1234/images/stencil/original/products/${random.int(80, 140)}/${random.int(200, 500)}/image.jpg`;
	return {
		request: {
			method: "GET",
			url: url(
				`/_next/image?url=${encodeURIComponent(source)}&w=${random.pick([384, 640, 750, 1080, 1920])}&q=75`,
			),
			status_code: random.pick([200, 200, 200, 304]),
		},
		logs: [],
		exceptions: [],
	};
}
