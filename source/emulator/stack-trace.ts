/**
 * A worker stack trace in the shape Cloudflare-style runtimes print: the error line, then two to six
 * frames in the bundled `worker.js`, every frame after the first an async one.
 */
import type { Random } from "./prng.js";
import { components } from "./traffic-words.js";

/** The stack text of an error `name: message`. */
export function stackTrace(random: Random, name: string, message: string): string {
	const frames = random.int(2, 6);
	let text = `${name}: ${message}`;
	for (let i = 0; i < frames; i++) {
		const where = `worker.js:1:${random.int(1000, 99_999)}`;
		const fn = random.pick(components);
		text += i === 0 ? `\n    at ${fn} (${where})` : `\n    at async ${fn} (${where})`;
	}
	return text;
}
