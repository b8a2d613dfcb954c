// Draws a terminal screen (tmux `capture-pane -p -e`: text with SGR colour sequences) as SVG, one
// cell of the terminal per 8.4 x 17 px, colours as xterm's (slightly softened).
/** The 16 ANSI colours (xterm defaults, slightly softened) and the 256-colour cube. */
function palette(index) {
	const base = [
		"#1e1e1e",
		"#cd3131",
		"#0dbc79",
		"#e5e510",
		"#2472c8",
		"#bc3fbc",
		"#11a8cd",
		"#e5e5e5",
		"#666666",
		"#f14c4c",
		"#23d18b",
		"#f5f543",
		"#3b8eea",
		"#d670d6",
		"#29b8db",
		"#ffffff",
	];
	if (index < 16) return base[index];
	if (index < 232) {
		const i = index - 16;
		const level = (n) => (n === 0 ? 0 : 55 + n * 40);
		return rgb(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
	}
	const gray = 8 + (index - 232) * 10;
	return rgb(gray, gray, gray);
}

function rgb(r, g, b) {
	return `#${[r, g, b].map((n) => n.toString(16).padStart(2, "0")).join("")}`;
}

function escapeXml(text) {
	return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Wide characters (CJK, emoji) take two cells. */
function cells(char) {
	const code = char.codePointAt(0) ?? 0;
	return code >= 0x1100 &&
		(code <= 0x115f ||
			(code >= 0x2e80 && code <= 0xa4cf) ||
			(code >= 0xac00 && code <= 0xd7a3) ||
			(code >= 0xf900 && code <= 0xfaff) ||
			(code >= 0xfe30 && code <= 0xfe4f) ||
			(code >= 0xff00 && code <= 0xff60) ||
			(code >= 0xffe0 && code <= 0xffe6) ||
			(code >= 0x1f300 && code <= 0x1faff) ||
			(code >= 0x20000 && code <= 0x3fffd))
		? 2
		: 1;
}

/**
 * The SVG of a `capture-pane -p -e` screen of `width` x `height` cells. Each run of one style is a
 * `<text>` stretched to its cells (`textLength`); `white-space: pre` on every text keeps its spaces
 * (Chromium collapses them otherwise: the root's `xml:space` does not reach a `<text>` there).
 */
export function toSvg(screen, { width, height, title }) {
	const cellWidth = 8.4;
	const lineHeight = 17;
	const foreground = "#d4d4d4";
	const background = "#1e1e1e";
	const rects = [];
	const texts = [];
	screen
		.split("\n")
		.slice(0, height)
		.forEach((line, row) => {
			let style = { fg: null, bg: null, bold: false, inverse: false, dim: false };
			let column = 0;
			const parts = line.split(/(\x1b\[[0-9;]*m)/);
			for (const part of parts) {
				const sgr = part.match(/^\x1b\[([0-9;]*)m$/);
				if (sgr) {
					style = applySgr(style, sgr[1]);
					continue;
				}
				let run = "";
				let runStart = column;
				const flush = () => {
					if (run === "") return;
					const fg = style.inverse ? (style.bg ?? background) : (style.fg ?? foreground);
					const bg = style.inverse ? (style.fg ?? foreground) : style.bg;
					const x = runStart * cellWidth;
					const y = row * lineHeight;
					if (bg)
						rects.push(
							`<rect x="${x}" y="${y}" width="${(column - runStart) * cellWidth}" height="${lineHeight}" fill="${bg}"/>`,
						);
					if (run.trim() !== "") {
						texts.push(
							`<text x="${x}" y="${y + 13}" fill="${fg}"${style.bold ? ' font-weight="bold"' : ""}${style.dim ? ' opacity="0.6"' : ""} textLength="${(column - runStart) * cellWidth}" lengthAdjust="spacingAndGlyphs">${escapeXml(run)}</text>`,
						);
					}
					run = "";
					runStart = column;
				};
				for (const char of part) {
					const width = cells(char);
					if (width === 2) {
						flush();
						run = char;
						column += 2;
						flush();
						continue;
					}
					run += char;
					column += 1;
				}
				flush();
			}
		});
	const w = Math.ceil(width * cellWidth);
	const h = height * lineHeight;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14" xml:space="preserve">
<title>${escapeXml(title)}</title>
<style>text { white-space: pre; }</style>
<rect width="100%" height="100%" fill="${background}"/>
${rects.join("\n")}
${texts.join("\n")}
</svg>
`;
}

function applySgr(style, params) {
	const codes = params === "" ? [0] : params.split(";").map(Number);
	const next = { ...style };
	for (let i = 0; i < codes.length; i++) {
		const code = codes[i];
		if (code === 0) Object.assign(next, { fg: null, bg: null, bold: false, inverse: false, dim: false });
		else if (code === 1) next.bold = true;
		else if (code === 2) next.dim = true;
		else if (code === 7) next.inverse = true;
		else if (code === 22) Object.assign(next, { bold: false, dim: false });
		else if (code === 27) next.inverse = false;
		else if (code >= 30 && code <= 37) next.fg = palette(code - 30);
		else if (code >= 90 && code <= 97) next.fg = palette(code - 90 + 8);
		else if (code >= 40 && code <= 47) next.bg = palette(code - 40);
		else if (code >= 100 && code <= 107) next.bg = palette(code - 100 + 8);
		else if (code === 39) next.fg = null;
		else if (code === 49) next.bg = null;
		else if (code === 38 || code === 48) {
			const key = code === 38 ? "fg" : "bg";
			if (codes[i + 1] === 5) {
				next[key] = palette(codes[i + 2] ?? 0);
				i += 2;
			} else if (codes[i + 1] === 2) {
				next[key] = rgb(codes[i + 2] ?? 0, codes[i + 3] ?? 0, codes[i + 4] ?? 0);
				i += 4;
			}
		}
	}
	return next;
}
