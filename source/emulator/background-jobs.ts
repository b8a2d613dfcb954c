/**
 * Background invocations: queue handlers and crons that run without a request, whose log line and
 * whose own timestamp are sometimes null.
 */
import { type Draft, iso, type TrafficContext } from "./traffic-draft.js";

/** One background job's invocation. */
export function backgroundJob({ random }: TrafficContext, t: number): Draft {
	return {
		request: null,
		logs: [
			{
				timestamp: random.chance(0.3) ? null : iso(t - random.int(1, 10)),
				level: random.pick(["log", "info", "debug"]),
				messages: [
					// Every candidate is drawn before the pick: part of the seeded sequence.
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
	};
}
