import { readFileSync } from "node:fs";
import { join } from "node:path";

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
	} catch {
		throw new Error(`${path} is not valid JSON`);
	}
	if (typeof parsed !== "object" || parsed === null) return {};
	const record = parsed as Record<string, unknown>;
	const pick = (key: string): string | undefined => {
		const value = record[key];
		return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
	};
	return {
		storeHash: pick("storeHash"),
		accessToken: pick("accessToken"),
		projectUuid: pick("projectUuid"),
		apiHost: pick("apiHost"),
	};
}
