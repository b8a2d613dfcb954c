/**
 * The queue of fault rules. Each stream request takes the first rule that targets its project (or
 * "*"), in the order the rules were added, and uses up one of its `times`.
 */
import type { Fault, FaultRule } from "./types.js";

interface QueuedRule {
	readonly target: string;
	readonly fault: Fault;
	remaining: number;
}

export class FaultQueue {
	#rules: QueuedRule[] = [];

	add(target: string, rule: FaultRule): void {
		const times = rule.times ?? 1;
		if (!(times > 0)) return;
		this.#rules.push({ target, fault: rule.fault, remaining: times });
	}

	clear(): void {
		this.#rules = [];
	}

	/** The fault for the next stream request of `projectUuid`, or null; consumes one use. */
	take(projectUuid: string): Fault | null {
		const index = this.#rules.findIndex((rule) => rule.target === "*" || rule.target === projectUuid);
		const rule = this.#rules[index];
		if (rule === undefined) return null;
		rule.remaining -= 1;
		if (rule.remaining <= 0) this.#rules.splice(index, 1);
		return rule.fault;
	}
}
