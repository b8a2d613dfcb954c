/**
 * Masks the configured access token inside event data, once, where frames come in: a server (or a
 * worker that logs its own request headers) may echo the token in a message, a URL or an exception, and
 * whatever the stream delivers is printed, drawn, copied and recorded. Masking the frame's text before
 * it is parsed covers every one of those at once, `--save` included (it records the event's JSON).
 *
 * Cost: the hot path is one `indexOf` of the token's JSON form on the frame text, and two short
 * ones for escapes (about 0.4 µs for a 1 KB frame: a few % of line mode's ingest). JSON can also spell
 * the token's characters as escapes (`\u0041`, `\/`), which an `indexOf` would miss; only a frame that
 * holds such an escape is parsed and serialized again (JSON.stringify never escapes printable ASCII
 * except `"` and `\`, which the token's JSON form already spells that way) and searched once more.
 */
import { redactSecret } from "./redact.js";

/** What a frame's text becomes: the same text, or one with every occurrence of the token masked. */
export type TokenMask = (data: string) => string;

const unmasked: TokenMask = (data) => data;

/**
 * An escape that may spell a character of a token (tokens are visible ASCII, U+0021–U+007E): `\u0021`
 * to `\u007e` in either case, and `\/`. A match only means "look closer".
 */
const asciiEscape = /\\(?:u00[2-7][0-9a-fA-F]|\/)/;

/**
 * Whether `data` holds such an escape. Two `indexOf`s first (most frames have none of either, and a
 * frame with a `\u00` or `\/` is rare): measured, a third of the cost of the regular expression over
 * every frame, which was most of the mask's cost on the hot path.
 */
function mayEscape(data: string): boolean {
	return (data.indexOf("\\u00") !== -1 || data.indexOf("\\/") !== -1) && asciiEscape.test(data);
}

/**
 * The mask for one token.
 * @param token the configured access token; empty: nothing to mask
 * @returns a function from a frame's data (JSON text, valid or not) to the text to parse
 */
export function createTokenMask(token: string): TokenMask {
	if (token === "") return unmasked;
	// The token as it is written inside a JSON string (`"` and `\` escaped; a plain token is itself).
	const needle = JSON.stringify(token).slice(1, -1);
	return (data) => {
		if (data.includes(needle)) return redactSecret(data, needle);
		if (!mayEscape(data)) return data;
		let canonical: string;
		try {
			canonical = JSON.stringify(JSON.parse(data));
		} catch {
			// Not JSON (or too deep to serialize): the parser skips it and nothing of it is shown.
			return data;
		}
		return canonical.includes(needle) ? redactSecret(canonical, needle) : data;
	};
}

/**
 * One mask for every configured token (the flag and the environment variables may differ): each
 * distinct non-empty one is masked in turn.
 */
export function createTokensMask(tokens: readonly (string | undefined)[]): TokenMask {
	const distinct = [
		...new Set(tokens.filter((token): token is string => token !== undefined && token !== "")),
	];
	const masks = distinct.map(createTokenMask);
	if (masks.length === 0) return unmasked;
	if (masks.length === 1) return masks[0] as TokenMask;
	return (data) => masks.reduce((text, mask) => mask(text), data);
}
