/**
 * `tokenize` of @alcalzone/ansi-tokenize, faster for what rows mostly hold. Ink's output step reads
 * every new line with it, and it runs a grapheme segmenter (`Intl.Segmenter`) over the whole line:
 * ~25 µs a row, the largest cost of a frame in which every row is new (a flood). A line whose escapes
 * are all whole SGR codes is cut at those codes instead; each code is tokenized alone (remembered: there
 * are few distinct ones), a run of printable ASCII becomes one char token per character (what the
 * segmenter yields for it), and what is not ASCII is handed to `tokenize` itself, cut from the ASCII
 * around it where a grapheme boundary is certain. The tokens are the same
 * as `tokenize(line)`'s (a property test compares them); where that could differ — a run that starts
 * with a character that joins the grapheme before it — the whole line goes to `tokenize`.
 */
import { type Token, tokenize } from "@alcalzone/ansi-tokenize";
import { asciiPieces, joinsPrevious, notPlainSgr, printableAscii, sgrCodes } from "./grapheme-edges.js";

const codeTokens = new Map<string, readonly Token[]>();

export function tokensOfCode(code: string): readonly Token[] {
	let tokens = codeTokens.get(code);
	if (tokens === undefined) {
		tokens = tokenize(code);
		// Bounded: codes are few (colours, styles), but a hostile text could vary them.
		if (codeTokens.size < 1024) codeTokens.set(code, tokens);
	}
	return tokens;
}

/** The tokens of `line`, as `tokenize(line)` gives them. */
export function fastTokenize(line: string): Token[] {
	if (notPlainSgr.test(line)) return tokenize(line);
	const parts = line.split(sgrCodes);
	const tokens: Token[] = [];
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i] as string;
		if (part === "") continue;
		// split() with a capturing group puts the codes at odd indices.
		if (i % 2 === 1) {
			for (const token of tokensOfCode(part)) tokens.push(token);
		} else {
			if (i > 0 && joinsPrevious.test(part)) return tokenize(line);
			if (!pushText(part, tokens)) return tokenize(line);
		}
	}
	return tokens;
}

function pushAscii(run: string, tokens: Token[]): void {
	for (let c = 0; c < run.length; c++)
		tokens.push({ type: "char", value: run[c] as string, fullWidth: false });
}

/**
 * A run of text (no escapes) as char tokens: printable ASCII one token a character, the rest through
 * `tokenize`, cut where a grapheme boundary is certain. False when a cut could join two graphemes.
 */
function pushText(run: string, tokens: Token[]): boolean {
	if (printableAscii.test(run)) {
		pushAscii(run, tokens);
		return true;
	}
	const pieces = asciiPieces(run);
	if (pieces === null) return false;
	for (let i = 0; i < pieces.length; i++) {
		const piece = pieces[i] as string;
		// split() with a capturing group puts the ASCII runs at odd indices.
		if (i % 2 === 1) pushAscii(piece, tokens);
		else if (piece !== "") for (const token of tokenize(piece)) tokens.push(token);
	}
	return true;
}
