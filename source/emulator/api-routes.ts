/**
 * API route invocations: cart, auth, revalidate, health and wishlist calls, half of them quiet and
 * half logging method, path, status and duration as mixed-type messages.
 */
import { type Draft, iso, type TrafficContext } from "./traffic-draft.js";
import { apiRoutes } from "./traffic-words.js";

/** One API route call; a 4xx logs at warn. */
export function apiRouteCall({ random, url }: TrafficContext, t: number): Draft {
	const [method, path, status] = random.pick(apiRoutes);
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
}
