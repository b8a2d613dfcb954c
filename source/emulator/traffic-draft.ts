/**
 * The shape every traffic scenario returns before the generator stamps it into an event, and the
 * context a scenario draws from. Kept in one place so scenarios, the hostile pass and the generator
 * agree on it without importing each other.
 */
import type { Random } from "./prng.js";

/** One invocation before it becomes an event: its request, logs and exceptions, and odd extras. */
export interface Draft {
	request: { method: string; url: string; status_code: number } | null;
	logs: { timestamp: string | null; level: string; messages: unknown[] }[];
	exceptions: Record<string, unknown>[];
	/** The event's own timestamp is null (background work sometimes has none). */
	timestampNull?: boolean;
	/** Fields merged into the event as they are. */
	extra?: Record<string, unknown>;
}

/**
 * What a scenario draws from: the generator's one PRNG and the helpers that shape URLs. Every draw
 * goes through `random`, so the order of calls is the seeded sequence.
 */
export interface TrafficContext {
	readonly random: Random;
	/** `path`, made absolute on one of the project's hosts a little more than half the time. */
	url(path: string): string;
	/** A locale prefix. */
	locale(): string;
	/** A storefront page path: home, products, categories, cart, checkout, account, search. */
	pagePath(): string;
}

/** A kind of invocation: a draft for time `t` (ms since the epoch). */
export type Scenario = (context: TrafficContext, t: number) => Draft;

/** An ISO 8601 timestamp of `ms`, as the API writes them. */
export function iso(ms: number): string {
	return new Date(ms).toISOString();
}
