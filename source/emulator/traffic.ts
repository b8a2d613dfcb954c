/**
 * Realistic Catalyst storefront traffic for one project, from a seeded PRNG: page views, API routes,
 * image optimizer hits, 404s, 500s with stacks, background invocations without a request, and the
 * odd shapes real events have (empty logs, null timestamps, non-string messages, unknown fields).
 */
import { hostilePayloadList, unterminatedPayloadList } from "./hostile.js";
import { createRandom, hashString, type Random, uuidV4 } from "./prng.js";

/** Options of a traffic generator. */
export interface TrafficOptions {
	/** Plant escape sequences and bidi overrides in URLs, messages, exception names and stacks. */
	readonly hostile?: boolean;
	/** Hosts for absolute request URLs (default a demo host). */
	readonly hostnames?: readonly string[];
}

/** Generates one project's events, one per `next` call, each with a fresh unique uuid. */
export interface TrafficGenerator {
	/** The next event, as the API would send it, stamped around `now` (ms since the epoch). */
	next(now: number): Record<string, unknown>;
}

interface Draft {
	request: { method: string; url: string; status_code: number } | null;
	logs: { timestamp: string | null; level: string; messages: unknown[] }[];
	exceptions: Record<string, unknown>[];
	timestampNull?: boolean;
	extra?: Record<string, unknown>;
}

const products = [
	"sample-product",
	"orbit-terrarium-large",
	"able-brewing-system",
	"chemex-coffeemaker-3-cup",
	"1-l-le-parfait-jar",
	"抹茶ラテ-セット",
	"保温杯-500ml",
	"café-crème-mug",
	"🌵-succulent-kit",
	"smith-journal-13",
	"dustpan-brush",
	"utility-caddy",
];

const categories = [
	"shop-all",
	"kitchen",
	"bath",
	"garden",
	"publications",
	"utility",
	"新着商品",
	"sale-🔥",
];
const locales = ["en", "en", "en", "fr", "de", "ja"];
const productNames = [
	"Orbit Terrarium",
	"抹茶ラテ セット",
	"Café Crème Mug ☕",
	"保温杯 500ml",
	"Smith Journal 13",
	"🌵 Succulent Kit",
];

const typeErrors = [
	"Cannot read properties of undefined (reading 'price')",
	"Cannot read properties of null (reading 'edges')",
	"product.variants.map is not a function",
	"Failed to construct 'URL': Invalid URL",
];

const components = [
	"ProductCard",
	"CartPage",
	"CheckoutButton",
	"Header",
	"Footer",
	"FacetedSearch",
	"PriceLabel",
];

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

function stack(random: Random, name: string, message: string): string {
	const frames = random.int(2, 6);
	let text = `${name}: ${message}`;
	for (let i = 0; i < frames; i++) {
		const where = `worker.js:1:${random.int(1000, 99_999)}`;
		const fn = random.pick(components);
		text += i === 0 ? `\n    at ${fn} (${where})` : `\n    at async ${fn} (${where})`;
	}
	return text;
}

function hostileText(random: Random, text: string): string {
	if (random.chance(0.2)) return text + random.pick(unterminatedPayloadList);
	const payload = random.pick(hostilePayloadList);
	const at = random.int(0, text.length);
	return text.slice(0, at) + payload + text.slice(at);
}

/**
 * A generator of one project's traffic. The same `seed` and `projectUuid` always give the same
 * sequence (timestamps aside, which follow `now`); different projects get different traffic.
 */
export function createTrafficGenerator(
	seed: number,
	projectUuid: string,
	options: TrafficOptions = {},
): TrafficGenerator {
	const random = createRandom((Math.imul(seed | 0, 0x9e3779b1) ^ hashString(projectUuid)) >>> 0);
	const hostnames =
		options.hostnames && options.hostnames.length > 0 ? options.hostnames : ["store.example.com"];
	const hostile = options.hostile === true;
	let counter = 0;
	const uuidKey = random.uint32();

	const url = (path: string): string =>
		random.chance(0.55) ? `https://${random.pick(hostnames)}${path}` : path;
	const locale = (): string => random.pick(locales);
	const pagePath = (): string =>
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
		])();

	const scenarios: readonly (readonly [number, (t: number) => Draft])[] = [
		// A page render that logged nothing: the most common event of all.
		[
			24,
			() => ({
				request: { method: "GET", url: url(pagePath()), status_code: 200 },
				logs: [],
				exceptions: [],
			}),
		],
		[
			10,
			(t) => {
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
			},
		],
		[
			5,
			(t) => ({
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
			}),
		],
		[
			10,
			() => ({
				request: {
					method: "GET",
					url: url(
						`/_next/image?url=${encodeURIComponent(`https://cdn11.bigcommerce.com/s-demo1234/images/stencil/original/products/${random.int(80, 140)}/${random.int(200, 500)}/image.jpg`)}&w=${random.pick([384, 640, 750, 1080, 1920])}&q=75`,
					),
					status_code: random.pick([200, 200, 200, 304]),
				},
				logs: [],
				exceptions: [],
			}),
		],
		[
			8,
			(t) => {
				const [method, path, status] = random.pick<readonly [string, string, number]>([
					["POST", "/api/cart", 200],
					["POST", "/api/cart/items", 201],
					["DELETE", "/api/cart/items", 204],
					["GET", "/api/auth/session", 200],
					["POST", "/api/revalidate", 200],
					["GET", "/api/health", 200],
					["POST", "/api/wishlist", 401],
				]);
				const quiet = random.chance(0.5);
				return {
					request: { method, url: url(path), status_code: status },
					logs: quiet
						? []
						: [
								{
									timestamp: iso(t - random.int(1, 40)),
									level: status >= 400 ? "warn" : "info",
									messages: [`${method} ${path}`, status, { durationMs: random.int(3, 900) }],
								},
							],
					exceptions: [],
				};
			},
		],
		[
			5,
			(t) => {
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
			},
		],
		[
			2,
			() => ({
				request: { method: "GET", url: url("/wp-login.php"), status_code: 404 },
				logs: [],
				exceptions: [],
			}),
		],
		[
			4,
			(t) => {
				const message = random.pick(typeErrors);
				const at = t - random.int(1, 20);
				return {
					request: { method: "GET", url: url(pagePath()), status_code: 500 },
					logs: [{ timestamp: iso(at - 1), level: "error", messages: [`TypeError: ${message}`] }],
					exceptions: [
						{ timestamp: iso(at), name: "TypeError", message, stack: stack(random, "TypeError", message) },
					],
				};
			},
		],
		[
			4,
			(t) => {
				const code = random.pick([500, 502, 503, 530]);
				const message = `BigCommerce API returned ${code}`;
				const at = t - random.int(1, 20);
				return {
					request: {
						method: random.pick(["GET", "POST"]),
						url: url(random.pick(["/en/cart", "/en/checkout", pagePath()])),
						status_code: 500,
					},
					logs: [
						{
							timestamp: iso(at - 250),
							level: "log",
							messages: ["cart lookup", { cartId: `c-${random.int(1, 999)}`, items: random.int(0, 9) }],
						},
						{ timestamp: iso(at - 120), level: "warn", messages: ["slow upstream", random.int(400, 4000)] },
						{
							timestamp: iso(at - 2),
							level: "error",
							messages: [`BigCommerceAPIError: \n    ${message}\n    \n    `],
						},
					],
					exceptions: [
						{
							timestamp: iso(at),
							name: "BigCommerceAPIError",
							message,
							stack: stack(random, "BigCommerceAPIError", message),
						},
					],
				};
			},
		],
		[
			5,
			(t) => ({
				request: null,
				logs: [
					{
						timestamp: random.chance(0.3) ? null : iso(t - random.int(1, 10)),
						level: random.pick(["log", "info", "debug"]),
						messages: [
							random.pick([
								`DOQueueHandler: revalidated ${random.int(1, 12)} tags`,
								"cron: refreshed sitemap",
								`queue: processed ${random.int(1, 50)} webhook deliveries`,
							]),
						],
					},
				],
				exceptions: [],
				timestampNull: random.chance(0.6),
			}),
		],
		[
			3,
			(t) => ({
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
			}),
		],
		[
			3,
			(t) => ({
				request: { method: "GET", url: url(pagePath()), status_code: 200 },
				logs: [
					{ timestamp: iso(t - 30), level: "info", messages: [random.int(0, 10_000)] },
					{
						timestamp: iso(t - 20),
						level: "log",
						messages: [{ route: "/[locale]/(default)/page", revalidate: 3600 }, null, true],
					},
				],
				exceptions: [],
			}),
		],
		[
			2,
			(t) => ({
				request: { method: "GET", url: url(pagePath()), status_code: random.pick([307, 308]) },
				logs: [{ timestamp: iso(t - 3), level: "info", messages: ["middleware: locale redirect"] }],
				exceptions: [],
			}),
		],
		[
			1,
			() => ({
				request: { method: "GET", url: url(pagePath()), status_code: 0 },
				logs: [],
				exceptions: [],
				extra: { outcome: random.pick(["exceededCpu", "canceled", "exception"]) },
			}),
		],
		[1, () => ({ request: { method: "HEAD", url: url("/"), status_code: 200 }, logs: [], exceptions: [] })],
	];

	const makeHostile = (draft: Draft): void => {
		const targets: (() => void)[] = [];
		const request = draft.request;
		if (request)
			targets.push(() => {
				request.url = hostileText(random, request.url);
			});
		for (const log of draft.logs) {
			const index = log.messages.findIndex((m) => typeof m === "string");
			if (index >= 0)
				targets.push(() => {
					log.messages[index] = hostileText(random, String(log.messages[index]));
				});
		}
		for (const exception of draft.exceptions) {
			for (const key of ["name", "message", "stack"]) {
				if (typeof exception[key] === "string") {
					targets.push(() => {
						exception[key] = hostileText(random, exception[key] as string);
					});
				}
			}
		}
		if (targets.length === 0) {
			draft.logs.push({
				timestamp: null,
				level: "warn",
				messages: [hostileText(random, "suspicious input")],
			});
			return;
		}
		const count = random.int(1, Math.min(3, targets.length));
		for (let i = 0; i < count; i++) random.pick(targets)();
	};

	return {
		next(now) {
			counter += 1;
			const uuid = uuidV4(random, counter, uuidKey);
			const t = Math.floor(now);
			const draft = random.weighted(scenarios)(t);
			if (hostile && random.chance(0.5)) makeHostile(draft);
			const event: Record<string, unknown> = {
				uuid,
				project_uuid: projectUuid,
				request: draft.request,
				logs: draft.logs,
				exceptions: draft.exceptions,
				timestamp: draft.timestampNull ? null : iso(t),
			};
			if (draft.extra) Object.assign(event, draft.extra);
			if (random.chance(0.05)) {
				Object.assign(
					event,
					random.pick<Record<string, unknown>>([
						{ script_version: { id: uuidV4(random, counter, ~uuidKey), tag: "v1.4.2" } },
						{ cf_ray: `${(random.uint32() >>> 0).toString(16)}${(random.uint32() >>> 0).toString(16)}-IAD` },
						{ event_type: "fetch", cpu_time_ms: random.int(1, 50) },
					]),
				);
			}
			return event;
		},
	};
}
