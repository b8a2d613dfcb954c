/**
 * Makes attacker-controlled text safe to put on a terminal. Every string of a tail event (URLs, log
 * messages, exception names and stacks, even the uuid) can carry escape sequences that would recolour,
 * retitle or clear the screen, plant OSC 8 links, write the clipboard (OSC 52), or reorder the line with
 * bidi controls. `sanitize` removes all of that and keeps only printable text and `\n`.
 *
 * Guarantees of `sanitize` output: no C0 control but `\n`, no DEL, no C1 (U+0080–U+009F), no bidi
 * control or mark, no tab, no lone surrogate. Because no ESC and no C1 survive, a terminal can never be
 * put into an escape state by the output, whatever the input; how much text around a broken sequence
 * is dropped only affects fidelity, never safety.
 *
 * How sequences are recognized (ECMA-48 shapes, as xterm-like terminals parse them):
 * - CSI (`ESC [` or U+009B): parameter/intermediate bytes 0x20–0x3F, then one final byte 0x40–0x7E.
 *   A byte outside those ranges ends the (malformed) sequence without being eaten, so a newline inside
 *   a broken CSI survives.
 * - OSC (`ESC ]` or U+009D): up to BEL, ST (`ESC \` or U+009C), or the end of the text when it is never
 *   terminated (a terminal would swallow that text too).
 * - DCS/SOS/PM/APC (`ESC P`/`X`/`^`/`_`, or U+0090/U+0098/U+009E/U+009F): up to ST or the end of text.
 *   In any of these strings an ESC that does not start ST aborts the string and starts a new sequence,
 *   as the VT500 parser does.
 * - SS2/SS3 (`ESC N`/`ESC O`, or U+008E/U+008F): the control and the one character it shifts.
 * - Other escapes: ESC, any intermediates 0x20–0x2F, one final printable character (`ESC c`,
 *   `ESC ( B`, `ESC # 8`, `ESC 7`). ESC followed by a control only drops the ESC; the control is then
 *   treated on its own.
 *
 * Tabs expand to spaces up to the next multiple of 4 columns, counted from the start of the line in
 * code points (a wide CJK character counts as one column, so alignment after one is approximate).
 * CR and CRLF become `\n`. Lone surrogates become U+FFFD; surrogate pairs (emoji) are kept.
 */

/** Controls `sanitize` removes or rewrites: C0 but `\n`, DEL, C1, bidi controls and marks. */
const controls = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * `String.prototype.isWellFormed` (ES2024, in Node 20+; the project's TypeScript lib is ES2023). It
 * finds lone surrogates far faster than a lookaround regex, and valid pairs (emoji) pass.
 */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

const ESC = 0x1b;
const BEL = 0x07;
const ST8 = 0x9c;
const TAB_STOP = 4;
const SPACES = "    ";

/** Where an escape that started at `start` (just after its introducer) ends: CSI parameters + final. */
function skipCsi(text: string, start: number): number {
	let j = start;
	const length = text.length;
	while (j < length) {
		const code = text.charCodeAt(j);
		if (code >= 0x20 && code <= 0x3f) {
			j++;
			continue;
		}
		// The final byte belongs to the sequence; anything else ends a malformed one and is kept.
		return code >= 0x40 && code <= 0x7e ? j + 1 : j;
	}
	return j;
}

/**
 * Where a control string (OSC, DCS, SOS, PM, APC) that started at `start` ends. The terminator is
 * consumed; an ESC that is not `ESC \` is left for the caller to parse as a new sequence.
 */
function skipString(text: string, start: number, bellEnds: boolean): number {
	const length = text.length;
	for (let j = start; j < length; j++) {
		const code = text.charCodeAt(j);
		if (code === ST8 || (bellEnds && code === BEL)) return j + 1;
		if (code === ESC) return text.charCodeAt(j + 1) === 0x5c ? j + 2 : j;
	}
	return length;
}

/** The index after one whole code point at `j` (both halves of a surrogate pair), if it is printable. */
function skipOnePrintable(text: string, j: number): number {
	if (j >= text.length) return j;
	const code = text.charCodeAt(j);
	if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return j;
	if (code >= 0xd800 && code <= 0xdbff) {
		const next = text.charCodeAt(j + 1);
		if (next >= 0xdc00 && next <= 0xdfff) return j + 2;
	}
	return j + 1;
}

/** Where the sequence introduced by ESC at `i` ends (exclusive). */
function skipEscape(text: string, i: number): number {
	const j = i + 1;
	if (j >= text.length) return j;
	const code = text.charCodeAt(j);
	switch (code) {
		case 0x5b: // [
			return skipCsi(text, j + 1);
		case 0x5d: // ]
			return skipString(text, j + 1, true);
		case 0x50: // P
		case 0x58: // X
		case 0x5e: // ^
		case 0x5f: // _
			return skipString(text, j + 1, false);
		case 0x4e: // N
		case 0x4f: // O
			return skipOnePrintable(text, j + 1);
	}
	if (code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f)) return j;
	let k = j;
	while (k < text.length) {
		const c = text.charCodeAt(k);
		if (c < 0x20 || c > 0x2f) break;
		k++;
	}
	return skipOnePrintable(text, k);
}

/** Where the 8-bit C1 control at `i` and what it introduces end (exclusive). */
function skipC1(text: string, i: number, code: number): number {
	switch (code) {
		case 0x9b:
			return skipCsi(text, i + 1);
		case 0x9d:
			return skipString(text, i + 1, true);
		case 0x90:
		case 0x98:
		case 0x9e:
		case 0x9f:
			return skipString(text, i + 1, false);
		case 0x8e:
		case 0x8f:
			return skipOnePrintable(text, i + 1);
		default:
			return i + 1;
	}
}

/**
 * Returns `text` without terminal controls (see the module comment for exactly what goes). Returns the
 * same string instance when there is nothing to remove, so clean text costs one regex test and no
 * allocation.
 */
export function sanitize(text: string): string {
	if (!controls.test(text) && isWellFormed(text)) return text;
	return sanitizeSlow(text);
}

function sanitizeSlow(text: string): string {
	const length = text.length;
	// Kept runs and replacements, joined once at the end: join() builds one flat string, where `+=`
	// would leave a rope of slices that pins the original text for as long as the store keeps it.
	const out: string[] = [];
	// Start of the run of kept characters not yet copied to `out`.
	let run = 0;
	// Column (code points since the last newline of the output), only needed for tab stops.
	let column = 0;
	let i = 0;
	while (i < length) {
		const code = text.charCodeAt(i);
		if (code >= 0x20 && code < 0x7f) {
			column++;
			i++;
			continue;
		}
		if (code === 0x0a) {
			column = 0;
			i++;
			continue;
		}
		if (code >= 0xa0) {
			if (code >= 0xd800 && code <= 0xdfff) {
				const next = text.charCodeAt(i + 1);
				if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
					column++;
					i += 2;
					continue;
				}
				out.push(text.slice(run, i), "\ufffd");
				column++;
				i++;
				run = i;
				continue;
			}
			if (
				code === 0x061c ||
				code === 0x200e ||
				code === 0x200f ||
				(code >= 0x202a && code <= 0x202e) ||
				(code >= 0x2066 && code <= 0x2069)
			) {
				out.push(text.slice(run, i));
				i++;
				run = i;
				continue;
			}
			column++;
			i++;
			continue;
		}
		// A control character of some kind: copy the pending run, then decide what replaces it.
		out.push(text.slice(run, i));
		if (code === 0x09) {
			const width = TAB_STOP - (column % TAB_STOP);
			out.push(SPACES.slice(0, width));
			column += width;
			i++;
		} else if (code === 0x0d) {
			out.push("\n");
			column = 0;
			i += text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
		} else if (code === ESC) {
			i = skipEscape(text, i);
		} else if (code >= 0x80) {
			i = skipC1(text, i, code);
		} else {
			// Other C0 controls and DEL carry nothing worth keeping.
			i++;
		}
		run = i;
	}
	if (run === 0) return text;
	out.push(text.slice(run));
	return out.join("");
}

/**
 * Shows newlines as `⏎` so text fits one row. Returns the same instance when there is no newline.
 * Expects sanitized text (which has no CR or other control).
 *
 * split/join rather than `replaceAll`: V8 builds a `replaceAll` result as a rope of slices of the input,
 * which a stored row would keep (about twice the memory, and the input with it); join makes one flat
 * string.
 */
export function oneLine(text: string): string {
	return text.indexOf("\n") === -1 ? text : text.split("\n").join("⏎");
}

/** `oneLine(sanitize(text))`: untrusted text made safe for one terminal row. */
export function sanitizeOneLine(text: string): string {
	return oneLine(sanitize(text));
}
