/**
 * The few SGR colours line mode uses, as raw codes: line mode must start fast and stay light in pipes,
 * so it pulls in no colour library. Each colour resets only the foreground (39), so colouring one part
 * of a line never cancels an attribute set around it.
 */

export type Colour = "red" | "green" | "yellow" | "blue" | "magenta" | "cyan" | "gray" | "brightCyan";

const codes: Readonly<Record<Colour, number>> = {
	red: 31,
	green: 32,
	yellow: 33,
	blue: 34,
	magenta: 35,
	cyan: 36,
	gray: 90,
	brightCyan: 96,
};

/** `text` in `colour` (foreground only). */
export function paint(colour: Colour, text: string): string {
	return `\x1b[${codes[colour]}m${text}\x1b[39m`;
}
