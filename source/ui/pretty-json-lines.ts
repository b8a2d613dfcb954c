/**
 * JSON text re-indented two spaces deep, one line at a time, as the detail overlay's raw event needs
 * it: straight from the received text, never parsed into objects and stringified again, so a 7 MB
 * event costs the lines someone looks at, not the whole text up front, and JSON nested deeper than
 * `JSON.stringify` can recurse is shown as it came. For the compact text `safeJsonStringify` makes,
 * the lines are those of `JSON.stringify(value, null, 2)`; numbers and repeated keys stay as sent.
 * Strings are copied whole (a string is found by `indexOf`, not char by char); text that is not JSON
 * comes out unchanged in substance, never an error.
 */

const indentUnit = "  ";

/** Where the string whose opening quote is at `open` ends (after its closing quote). */
function stringEnd(text: string, open: number): number {
	let at = open + 1;
	for (;;) {
		const quote = text.indexOf('"', at);
		if (quote < 0) return text.length;
		// Escaped when an odd number of backslashes stands before it.
		let slashes = 0;
		while (text.charCodeAt(quote - 1 - slashes) === 92) slashes++;
		if (slashes % 2 === 0) return quote + 1;
		at = quote + 1;
	}
}

const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

/** The next character at or after `at` that is not white space, or -1 at the end. */
function nextSolid(text: string, at: number): number {
	while (at < text.length && isSpace(text.charCodeAt(at))) at++;
	return at < text.length ? at : -1;
}

/**
 * The lines of `text` pretty-printed (see the module comment), produced as they are asked for: the
 * work of each line is the length of that line.
 */
export function* prettyJsonLines(text: string): Generator<string, void, undefined> {
	let depth = 0;
	let line: string[] = [];
	let at = 0;
	const indent = (): string => indentUnit.repeat(depth);
	while (at < text.length) {
		const code = text.charCodeAt(at);
		if (isSpace(code)) {
			at++;
			continue;
		}
		if (code === 34) {
			const end = stringEnd(text, at);
			line.push(text.slice(at, end));
			at = end;
			continue;
		}
		if (code === 123 || code === 91) {
			// `{` or `[`: empty ones stay on the line, as JSON.stringify writes them.
			const close = code === 123 ? 125 : 93;
			const next = nextSolid(text, at + 1);
			if (next >= 0 && text.charCodeAt(next) === close) {
				line.push(code === 123 ? "{}" : "[]");
				at = next + 1;
				continue;
			}
			line.push(text[at] as string);
			yield line.join("");
			depth++;
			line = [indent()];
			at++;
			continue;
		}
		if (code === 125 || code === 93) {
			if (line.length > 1 || (line[0] ?? "").trim() !== "") yield line.join("");
			depth = Math.max(0, depth - 1);
			line = [indent(), text[at] as string];
			at++;
			continue;
		}
		if (code === 44) {
			line.push(",");
			yield line.join("");
			line = [indent()];
			at++;
			continue;
		}
		if (code === 58) {
			line.push(": ");
			at++;
			continue;
		}
		// A number, true, false or null: up to the next structural character or space.
		let end = at + 1;
		while (end < text.length) {
			const c = text.charCodeAt(end);
			if (c === 44 || c === 125 || c === 93 || c === 58 || c === 34 || c === 123 || c === 91 || isSpace(c))
				break;
			end++;
		}
		line.push(text.slice(at, end));
		at = end;
	}
	const last = line.join("");
	if (last.trim() !== "") yield last;
}
