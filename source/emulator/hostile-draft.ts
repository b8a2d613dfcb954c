/**
 * The hostile pass over a draft: plants escape sequences, bidi overrides and unterminated controls
 * (from `hostile.ts`) in one to three of its strings — the URL, a string message, an exception's
 * name, message or stack — so every path that prints network text is exercised.
 */
import { hostilePayloadList, unterminatedPayloadList } from "./hostile.js";
import type { Random } from "./prng.js";
import type { Draft } from "./traffic-draft.js";

/** `text` with a hostile payload inserted at a random place, or an unterminated one appended. */
export function hostileText(random: Random, text: string): string {
	if (random.chance(0.2)) return text + random.pick(unterminatedPayloadList);
	const payload = random.pick(hostilePayloadList);
	const at = random.int(0, text.length);
	return text.slice(0, at) + payload + text.slice(at);
}

/** The edits that could make the draft hostile, one per string it carries, in a fixed order. */
function hostileTargets(random: Random, draft: Draft): (() => void)[] {
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
	return targets;
}

/** Makes the draft hostile in place; a draft with no strings gets a hostile log line of its own. */
export function makeHostile(random: Random, draft: Draft): void {
	const targets = hostileTargets(random, draft);
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
}
