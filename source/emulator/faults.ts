/**
 * The queue of fault rules. Each request takes the first rule that targets its project (or
 * "*"), in the order the rules were added, and uses up one of its `times`.
 */
import type { Fault, FaultRule } from "./types.js";

interface QueuedRule<F> {
	readonly target: string;
	readonly fault: F;
	remaining: number;
}

/** A queue of rules of one kind of fault (tail faults by default, history faults too). */
export class FaultQueue<F = Fault> {
	#rules: QueuedRule<F>[] = [];

	add(target: string, rule: { readonly fault: F; readonly times?: FaultRule["times"] }): void {
		const times = rule.times ?? 1;
		if (!(times > 0)) return;
		this.#rules.push({ target, fault: rule.fault, remaining: times });
	}

	/** Removes every rule, or only those aimed at `target`. */
	clear(target?: string): void {
		this.#rules = target === undefined ? [] : this.#rules.filter((rule) => rule.target !== target);
	}

	/** The fault for the next stream request of `projectUuid`, or null; consumes one use. */
	take(projectUuid: string): F | null {
		const index = this.#rules.findIndex((rule) => rule.target === "*" || rule.target === projectUuid);
		const rule = this.#rules[index];
		if (rule === undefined) return null;
		rule.remaining -= 1;
		if (rule.remaining <= 0) this.#rules.splice(index, 1);
		return rule.fault;
	}
}
