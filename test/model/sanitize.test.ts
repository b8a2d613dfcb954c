import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { oneLine, sanitize, sanitizeOneLine } from "../../source/model/sanitize.js";

const ESC = "\x1b";

/** [what, input, expected output] */
type Case = readonly [string, string, string];

const csi: Case[] = [
	["SGR colour", `a${ESC}[31mred${ESC}[0m b`, "ared b"],
	["SGR with many params", `${ESC}[1;31;48;5;200mX`, "X"],
	["SGR truecolour with colons", `${ESC}[38:2::255:0:0mX`, "X"],
	["private mode: alternate screen", `${ESC}[?1049hX${ESC}[?25l`, "X"],
	["clear screen and home", `keep${ESC}[2J${ESC}[H`, "keep"],
	["cursor up many lines", `${ESC}[999Aup`, "up"],
	["intermediate byte (DECSCUSR)", `${ESC}[0 qshape`, "shape"],
	["window title report (CSI 21 t)", `${ESC}[21tx`, "x"],
	["unterminated at end", `abc${ESC}[12;3`, "abc"],
	["broken by a newline: the newline stays", `a${ESC}[12\nb`, "a\nb"],
	["broken by a non-ASCII character: it stays", `a${ESC}[1é`, "aé"],
	["8-bit CSI with params", "\u009b31mred\u009b0m", "red"],
	["8-bit private CSI", "x\u009b?1049hy", "xy"],
	["8-bit CSI unterminated", "x\u009b12;", "x"],
];

const osc: Case[] = [
	["OSC 0 title, BEL", `${ESC}]0;evil title\x07after`, "after"],
	["OSC 2 title, ST", `${ESC}]2;title${ESC}\\after`, "after"],
	[
		"OSC 8 hyperlink keeps the link text only",
		`${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`,
		"click",
	],
	["OSC 8 hyperlink with BEL", `${ESC}]8;;https://evil.example\x07click${ESC}]8;;\x07!`, "click!"],
	["OSC 52 clipboard write, BEL", `${ESC}]52;c;ZWNobyBwd25lZA==\x07ok`, "ok"],
	["OSC 52 clipboard write, ST", `${ESC}]52;c;ZWNobyBwd25lZA==${ESC}\\ok`, "ok"],
	["OSC unterminated drops to the end, newlines too", `before${ESC}]0;never ends\nmore\nlines`, "before"],
	["OSC ended by an 8-bit ST", `${ESC}]0;t\u009cafter`, "after"],
	["OSC aborted by another escape", `${ESC}]0;t${ESC}[31mX`, "X"],
	["8-bit OSC, BEL", "\u009d0;title\x07x", "x"],
	["8-bit OSC 8, 8-bit ST", "\u009d8;;http://e\u009clink", "link"],
	["8-bit OSC unterminated", "a\u009d52;c;AAAA", "a"],
];

const strings: Case[] = [
	["DCS, ST", `${ESC}P1$r0m${ESC}\\after`, "after"],
	["DCS unterminated", `a${ESC}Pqqqq\nmore`, "a"],
	["DCS is not ended by BEL", `${ESC}Px\x07y${ESC}\\z`, "z"],
	["SOS", `${ESC}Xhidden${ESC}\\shown`, "shown"],
	["PM", `${ESC}^private${ESC}\\shown`, "shown"],
	["APC (kitty graphics)", `${ESC}_Gf=100;AAAA${ESC}\\shown`, "shown"],
	["APC unterminated", `x${ESC}_Gf=100;AAAA`, "x"],
	["8-bit DCS", "\u0090q\u009cx", "x"],
	["8-bit SOS", "\u0098s\u009cx", "x"],
	["8-bit PM", "\u009ep\u009cx", "x"],
	["8-bit APC", "\u009fdata\u009cx", "x"],
	["8-bit APC ended by 7-bit ST", `\u009fdata${ESC}\\x`, "x"],
	["8-bit DCS unterminated", "y\u0090qqq", "y"],
];

const otherEscapes: Case[] = [
	["SS3 takes one character", `${ESC}OPx`, "x"],
	["SS2 takes one character", `${ESC}N#y`, "y"],
	["SS3 takes a whole emoji", `${ESC}O😀x`, "x"],
	["SS3 before a newline keeps it", `${ESC}O\nx`, "\nx"],
	["8-bit SS3", "\u008fAx", "x"],
	["8-bit SS2", "\u008eAx", "x"],
	["RIS (full reset)", `${ESC}creset`, "reset"],
	["save/restore cursor", `${ESC}7save${ESC}8`, "save"],
	["charset designation with intermediate", `${ESC}(Btext`, "text"],
	["DECALN (screen of Es)", `${ESC}#8x`, "x"],
	["reverse index", `${ESC}Mx`, "x"],
	["keypad mode", `${ESC}=x${ESC}>`, "x"],
	["ESC at the very end", `abc${ESC}`, "abc"],
	["ESC before a newline keeps it", `a${ESC}\nb`, "a\nb"],
	["ESC ESC [: the second starts a CSI", `${ESC}${ESC}[31mX`, "X"],
	["ESC before a C1 CSI", `${ESC}\u009b31mX`, "X"],
	["ESC with intermediates then end", `a${ESC}(`, "a"],
];

const controls: Case[] = [
	["BEL", "ding\x07dong", "dingdong"],
	["NUL", "a\x00b", "ab"],
	["backspaces cannot overwrite", "abc\b\b\bxyz", "abcxyz"],
	["vertical tab and form feed", "a\x0bb\x0cc", "abc"],
	[
		"other C0",
		"\x01\x02\x03\x04\x05\x06\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1c\x1d\x1e\x1fz",
		"z",
	],
	["DEL", "a\x7fb", "ab"],
	["NEL and other lone C1", "a\u0085b\u0080\u0081\u0084\u0086\u008d\u0091\u0099\u009ac", "abc"],
	["lone 8-bit ST", "a\u009cb", "ab"],
	["CR alone becomes a newline", "a\rb", "a\nb"],
	["CRLF becomes one newline", "a\r\nb", "a\nb"],
	["CR CRLF", "a\r\r\nb", "a\n\nb"],
	["trailing CR", "a\r", "a\n"],
	["newline kept", "a\nb\n", "a\nb\n"],
];

const tabs: Case[] = [
	["leading tab", "\tx", "    x"],
	["tab stops every 4 columns", "ab\tc", "ab  c"],
	["tab at a stop moves a whole stop", "abcd\te", "abcd    e"],
	["consecutive tabs", "a\t\tb", "a       b"],
	["columns restart after a newline", "abc\nab\td", "abc\nab  d"],
	["columns restart after a CR", "abc\rab\td", "abc\nab  d"],
	["an emoji counts one column", "😀\tx", "😀   x"],
	["removed escapes take no column", `${ESC}[31m\tx`, "    x"],
	["bidi marks take no column", "\u200e\tx", "    x"],
];

const bidi: Case[] = [
	["RLO", "abc\u202edcba", "abcdcba"],
	["LRE RLE PDF LRO", "\u202aa\u202bb\u202cc\u202dd", "abcd"],
	["isolates", "\u2066a\u2067b\u2068c\u2069d", "abcd"],
	["marks", "\u200ea\u200fb\u061cc", "abc"],
	[
		"Trojan Source shape",
		"x = 1; /*\u202e } \u2066if (admin)\u2069 \u2066 begin admins only */",
		"x = 1; /* } if (admin)  begin admins only */",
	],
];

const surrogates: Case[] = [
	["lone high surrogate", "a\ud800b", "a\ufffdb"],
	["lone low surrogate", "a\udc00b", "a\ufffdb"],
	["trailing high surrogate", "ab\ud83d", "ab\ufffd"],
	["reversed pair", "\ude00\ud83d", "\ufffd\ufffd"],
	["lone surrogate beside an escape", `\ud83d${ESC}[0m`, "\ufffd"],
	["pair kept while a control goes", "😀\x07😀", "😀😀"],
];

describe("sanitize", () => {
	for (const [group, cases] of [
		["CSI", csi],
		["OSC", osc],
		["DCS/SOS/PM/APC", strings],
		["other escapes", otherEscapes],
		["C0/C1/DEL/CR", controls],
		["tabs", tabs],
		["bidi", bidi],
		["surrogates", surrogates],
	] as const) {
		describe(group, () => {
			it.each(cases)("%s", (_name, input, expected) => {
				expect(sanitize(input)).toBe(expected);
			});
		});
	}

	it.each([
		["ASCII", "GET /products?id=1 200 Request processed successfully"],
		["empty", ""],
		["newlines", "line one\nline two\n"],
		["emoji incl. ZWJ sequences, skin tones and flags", "👍🏽 family 👨‍👩‍👧 flag 🇯🇵 ok"],
		["CJK", "日本語のテキスト、中文，한국어"],
		["Arabic and Hebrew letters (no controls)", "مرحبا שלום"],
		["Latin-1 letters just above C1", "\u00a0café naïve ß ÿ"],
		["zero-width joiner and non-joiner", "a\u200db\u200cc"],
	])("returns the same instance for clean %s text", (_name, text) => {
		// The copy makes sure the instance check is meaningful even for interned literals.
		const input = `${text}`.split("").join("");
		expect(sanitize(input)).toBe(input);
		expect(Object.is(sanitize(input), input)).toBe(true);
	});

	const unit = fc.oneof(
		fc.constantFrom(
			ESC,
			"[",
			"]",
			"P",
			"_",
			"^",
			"X",
			"O",
			"N",
			"\\",
			"\x07",
			"\t",
			"\r",
			"\n",
			";",
			"0",
			"m",
			"\u009b",
			"\u009c",
			"\u009d",
			"\u0090",
			"\u0085",
			"\x7f",
			"\u202e",
			"\u2066",
			"\u200f",
			"\ud83d",
			"\ude00",
			"😀",
			"日",
		),
		fc.string({ unit: "binary", maxLength: 4 }),
	);
	const hostile = fc.array(unit, { maxLength: 40 }).map((parts) => parts.join(""));
	const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
	const forbidden = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

	it("never lets a control, C1, bidi character or lone surrogate through", () => {
		fc.assert(
			fc.property(hostile, (text) => {
				const out = sanitize(text);
				expect(out).not.toMatch(forbidden);
				expect(out).not.toMatch(loneSurrogate);
			}),
			{ numRuns: 3000 },
		);
	});

	it("is idempotent", () => {
		fc.assert(
			fc.property(hostile, (text) => {
				const once = sanitize(text);
				expect(sanitize(once)).toBe(once);
			}),
			{ numRuns: 2000 },
		);
	});

	it("leaves any text without controls as it is, the same instance", () => {
		fc.assert(
			fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
				fc.pre(!forbidden.test(text));
				expect(sanitize(text)).toBe(text);
			}),
			{ numRuns: 2000 },
		);
	});

	it("handles long hostile text (a quadratic scan would time the test out)", () => {
		const text = `${ESC}[1;`.repeat(100_000) + "\ud800x".repeat(100_000) + "\u009d".repeat(100_000);
		expect(sanitize(text)).toBe("\ufffdx".repeat(100_000));
	});
});

describe("oneLine", () => {
	it("shows newlines as ⏎", () => {
		expect(oneLine("a\nb\n")).toBe("a⏎b⏎");
	});

	it("returns the same instance without a newline", () => {
		const text = "no newline here".split("").join("");
		expect(oneLine(text)).toBe(text);
	});
});

describe("sanitizeOneLine", () => {
	it("sanitizes, then joins lines", () => {
		expect(sanitizeOneLine(`a\r\nb${ESC}[2Jc\td`)).toBe("a⏎bc  d");
	});
});
