/**
 * 500 invocations with exceptions and stacks: a TypeError in a page render, and a failing upstream
 * BigCommerce API call preceded by the logs that led to it (one message padded with whitespace and
 * newlines, as real error logs are).
 */
import { stackTrace } from "./stack-trace.js";
import { type Draft, iso, type TrafficContext } from "./traffic-draft.js";
import { typeErrors } from "./traffic-words.js";

/** A page render that threw a TypeError. */
export function typeErrorPage({ random, url, pagePath }: TrafficContext, t: number): Draft {
	const message = random.pick(typeErrors);
	const at = t - random.int(1, 20);
	return {
		request: { method: "GET", url: url(pagePath()), status_code: 500 },
		logs: [{ timestamp: iso(at - 1), level: "error", messages: [`TypeError: ${message}`] }],
		exceptions: [
			{ timestamp: iso(at), name: "TypeError", message, stack: stackTrace(random, "TypeError", message) },
		],
	};
}

/** A cart or checkout request whose upstream API call failed. */
export function upstreamFailure({ random, url, pagePath }: TrafficContext, t: number): Draft {
	const code = random.pick([500, 502, 503, 530]);
	const message = `BigCommerce API returned ${code}`;
	const at = t - random.int(1, 20);
	return {
		request: {
			method: random.pick(["GET", "POST"]),
			// All three candidates are drawn before the pick (pagePath() included): part of the sequence.
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
				stack: stackTrace(random, "BigCommerceAPIError", message),
			},
		],
	};
}
