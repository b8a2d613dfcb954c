/**
 * The one line of JSON a `TailEvent` carries (`event.json`): how it is obtained cheaply, and how it is
 * kept compactly once an event is stored.
 *
 * Reuse: the API sends each event as compact JSON on one `data:` line. When that text is already what
 * `safeJsonStringify` guarantees — one line, no control, C1 or bidi character and no lone surrogate
 * raw (escaped forms such as `\u001b` are plain ASCII and harmless) — it is used as it came instead of
 * serializing the parsed value again, which would cost about as much as parsing it. JSON.parse has
 * already proved it valid, and it describes the same value (the same one `uuid` and the other fields
 * were read from: for a duplicated key, JSON.parse and every later reader take the last). Anything
 * else (a multi-line `data`, raw DEL or C1, U+2028...) goes through `safeJsonStringify`.
 *
 * Storage: a reused text may be a slice of the whole 64 KiB network chunk (or 256 KiB file chunk) it
 * arrived in, which it would pin for as long as the store keeps the event; and V8 stores a string with
 * any character above U+00FF at two bytes per character. `storedJson` therefore makes a flat copy, with
 * characters above U+00FF written as `\uXXXX` escapes so the copy is one byte per character. It is the
 * same JSON value (the detail view parses it back), only less readable for non-Latin-1 text, which is
 * why line mode prints the text as received and only the store's long-lived copy is escaped.
 */

/** What `safeJsonStringify` output never contains raw: C0 (any line break or tab too), DEL, C1, bidi, U+2028/9. */
const unsafeRaw = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** `String.prototype.isWellFormed` (ES2024, Node 20+; the project's TypeScript lib is ES2023). */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * Whether `text` (already known to be valid JSON) can serve as an event's `json` as it is: one line,
 * and nothing a terminal could act on.
 */
export function isSafeJsonLine(text: string): boolean {
	return !unsafeRaw.test(text) && isWellFormed(text);
}

/**
 * Bytes whose presence in UTF-8 text means "look closer": every character `isSafeJsonLine` rejects is
 * one of these bytes or starts with one — tab and CR (the only C0 characters valid JSON on one line
 * can hold), DEL, 0xC2 (U+0080–U+00BF: the C1 controls, with harmless Latin-1 signs), 0xD8
 * (U+0600–U+063F: U+061C) and 0xE2 (U+2000–U+2FFF: the bidi controls and U+2028/U+2029). Other C0
 * bytes cannot occur in text that JSON.parse accepts as one line, LF never occurs inside a line, and a
 * UTF-8 decoder never yields a lone surrogate (nor an overlong or surrogate encoding: those become
 * U+FFFD).
 */
const rareBytes = [0x09, 0x0d, 0x7f, 0xc2, 0xd8, 0xe2] as const;

/**
 * Answers, for byte ranges of one buffer of UTF-8 text taken in increasing order, whether the range
 * certainly decodes to text `isSafeJsonLine` accepts once JSON.parse has accepted it. Each rare byte is
 * searched for (memchr) once per occurrence, not once per range: for a 64 KiB chunk of clean events
 * that is six searches for all of them. "Not safe" only means "check the decoded text".
 */
export class SafeBytes {
	#bytes: Buffer = Buffer.alloc(0);
	/** Per rare byte: where it next occurs at or after the last range asked about; -1: not searched. */
	readonly #next = new Int32Array(rareBytes.length);

	/** Starts over with a new buffer. */
	reset(bytes: Buffer): void {
		this.#bytes = bytes;
		this.#next.fill(-1);
	}

	/**
	 * Whether `[start, end)` of the buffer holds none of the rare bytes. Ranges must not start before
	 * the start of the range asked about before (since `reset`).
	 */
	isSafe(start: number, end: number): boolean {
		const next = this.#next;
		for (let i = 0; i < rareBytes.length; i++) {
			let at = next[i] as number;
			if (at < start) {
				at = this.#bytes.indexOf(rareBytes[i] as number, start);
				if (at === -1) at = this.#bytes.length;
				next[i] = at;
			}
			if (at < end) return false;
		}
		return true;
	}
}

const beyondLatin1 = /[^\x00-\xff]/;
const beyondLatin1Global = /[^\x00-\xff]/g;

function escapeChar(char: string): string {
	return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * A flat, one-byte-per-character copy of an event's JSON for long-lived storage: characters above
 * U+00FF become `\uXXXX` escapes (a surrogate pair becomes two), which parse back to the same value.
 * @param json safe JSON as `isSafeJsonLine` accepts or `safeJsonStringify` makes: its characters above
 *   U+007E can only be inside strings, where an escape means the same character
 * @param owned true when `json` is known to be a fresh flat string (from JSON.stringify) that pins
 *   nothing, so a Latin-1 text can be kept as it is
 */
export function storedJson(json: string, owned: boolean): string {
	let text = json;
	if (beyondLatin1.test(text)) text = text.replace(beyondLatin1Global, escapeChar);
	else if (owned) return text;
	// Through Latin-1 bytes: V8 gives a new sequential one-byte string, sharing nothing with the input.
	return Buffer.from(text, "latin1").toString("latin1");
}
