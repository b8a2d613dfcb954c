/**
 * Where a string may be cut into runs that segment (into graphemes) and measure the same as the whole:
 * between printable ASCII and anything else, except before a character that joins the grapheme before
 * it (Extend, SpacingMark, ZWJ, emoji modifiers, tags, halfwidth sound marks) or after one that joins
 * the grapheme after it (Prepend). Used by the fast tokenizer and the remembered widest-line, which
 * fall back to the whole string when a cut is not certain.
 */

/** Standalone invisible characters take no cell (Ink's rule, kept so every path agrees). */
export const ignorable = /^\p{Default_Ignorable_Code_Point}+$/u;

/** Escapes that are not whole SGR codes, and C1 controls: such a text is read whole. */
export const notPlainSgr = /\u001B(?!\[[\d;]*m)|[\u0080-\u009F]/;
export const sgrCodes = /(\u001B\[[\d;]*m)/;
export const printableAscii = /^[\u0020-\u007E]*$/;
export const asciiRuns = /([\u0020-\u007E]+)/;

/** Starts with a character that joins the grapheme before it. */
export const joinsPrevious =
	/^(?:\p{M}|\u200C|\u200D|\uFF9E|\uFF9F|[\u{1F3FB}-\u{1F3FF}]|[\u{E0020}-\u{E007F}])/u;

/** Ends with a character that joins the grapheme after it (Prepend). */
export const joinsNext =
	/(?:[\u0600-\u0605]|\u06DD|\u070F|\u0890|\u0891|\u08E2|\u0D4E|\u{110BD}|\u{110CD}|\u{111C2}|\u{111C3}|\u{1193F}|\u{11941}|\u{11A3A}|[\u{11A84}-\u{11A89}]|\u{11D46}|\u{11F02})$/u;

/**
 * A run of text (no escapes) cut into printable-ASCII pieces (odd indices) and other pieces (even
 * indices, possibly empty), or null when a cut could join two graphemes.
 */
export function asciiPieces(run: string): string[] | null {
	const pieces = run.split(asciiRuns);
	for (let i = 0; i < pieces.length; i += 2) {
		const piece = pieces[i] as string;
		if (piece === "") continue;
		if ((i > 0 && joinsPrevious.test(piece)) || (i < pieces.length - 1 && joinsNext.test(piece))) return null;
	}
	return pieces;
}
