import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "./resolve-config.js";

/** The keys `catalyst project link` writes to `.bigcommerce/project.json`. */
export interface ProjectFile {
	readonly storeHash?: string;
	readonly accessToken?: string;
	readonly projectUuid?: string;
	readonly apiHost?: string;
}

export const projectFilePath = ".bigcommerce/project.json";

/**
 * Reads `.bigcommerce/project.json` in `cwd`. A missing file is no configuration; an unreadable or
 * malformed one is an error that names the file (and never echoes its content: it holds the token).
 */
export function readProjectFile(cwd: string): ProjectFile {
	const path = join(cwd, projectFilePath);
	let text: string;
	try {
		text = readFileSync(path, "utf8");
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
		throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new ConfigError(
			`${path} is not valid JSON: ${jsonErrorPlace(text, error)}; fix it or run catalyst project link again`,
		);
	}
	if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
		throw new ConfigError(`${path} must hold a JSON object (it holds ${kindOf(parsed)})`);
	const record = parsed as Record<string, unknown>;
	const pick = (key: string): string | undefined => {
		const value = record[key];
		if (value === undefined || value === null) return undefined;
		// A number where a string belongs (`"storeHash": 123`) is said, not silently ignored.
		if (typeof value !== "string")
			throw new ConfigError(`${path}: "${key}" must be a string in quotes (it is ${kindOf(value)})`);
		return value.trim() !== "" ? value.trim() : undefined;
	};
	return {
		storeHash: pick("storeHash"),
		accessToken: pick("accessToken"),
		projectUuid: pick("projectUuid"),
		apiHost: pick("apiHost"),
	};
}

/** `a number`, `an array`, ...: what a JSON value is, for a sentence (never the value itself). */
function kindOf(value: unknown): string {
	if (value === null) return "null";
	if (Array.isArray(value)) return "an array";
	const kind = typeof value;
	return kind === "object" ? "an object" : kind === "number" ? "a number" : `a ${kind}`;
}

/**
 * Where the JSON broke, as `line 3, column 14 (expected ',' or '}' after property value)`, from what
 * V8 reports. V8's message can quote the text around the error, and the file holds the token: only
 * the position is taken from it, and the reason only when it quotes nothing of the file.
 */
export function jsonErrorPlace(text: string, error: unknown): string {
	const message = error instanceof Error ? error.message : "";
	const reason =
		/^(Expected [^"]*?|Unexpected end of JSON input|Unexpected non-whitespace character after JSON)(?: at| in JSON|$)/.exec(
			message,
		)?.[1];
	const at = errorPosition(text, message);
	if (at === null) return reason === undefined ? "it does not parse" : lowerFirst(reason);
	const before = text.slice(0, at);
	const line = before.split("\n").length;
	const column = at - (before.lastIndexOf("\n") + 1) + 1;
	const why = reason === undefined ? "an unexpected character" : lowerFirst(reason);
	return `line ${line}, column ${column} (${why})`;
}

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * The offset of a JSON.parse error: `at position N`, or for V8's `Unexpected token 'c', "…snippet…"`
 * (no position given), found through the snippet, which V8 cuts 10 characters either side of it.
 */
function errorPosition(text: string, message: string): number | null {
	const position = /at position (\d+)/.exec(message);
	if (position !== null) return Math.min(text.length, Number(position[1]));
	const token = /^Unexpected token '(.+?)', (\.\.\.)?"([\s\S]*?)"(\.\.\.)? is not valid JSON$/.exec(message);
	if (token === null) return null;
	const [, char = "", cutBefore, snippet = ""] = token;
	const start = text.indexOf(snippet);
	if (start < 0) return null;
	if (cutBefore !== undefined) return start + 10;
	// The snippet starts the text: the token is its last `char` within the first 11 characters.
	const offset = snippet.slice(0, 11).lastIndexOf(char);
	return offset < 0 ? null : start + offset;
}
