import { type ProjectFile, projectFilePath } from "./project-file.js";

/** What the command line gave (meow's flags and the positional projects). */
export interface ConfigFlags {
	readonly storeHash?: string | undefined;
	readonly accessToken?: string | undefined;
	readonly apiHost?: string | undefined;
	readonly projects: readonly string[];
}

export interface ResolvedConfig {
	readonly storeHash: string;
	readonly token: string;
	/** The host as configured (not yet checked: see `parseApiHost`). */
	readonly apiHost: string;
	/** Project UUIDs or names, as given. Empty: none configured (the TUI offers the picker). */
	readonly projects: readonly string[];
}

export const defaultApiHost = "api.bigcommerce.com";

export class ConfigError extends Error {
	override name = "ConfigError";
}

const firstSet = (...values: (string | undefined)[]): string | undefined =>
	values.find((value) => value !== undefined && value.trim() !== "")?.trim();

/**
 * Flags > environment > `.bigcommerce/project.json`, the order the Catalyst CLI uses, so a developer
 * who already ran `catalyst project link` in a storefront folder needs no flags at all.
 */
export function resolveConfig(
	flags: ConfigFlags,
	env: Readonly<Record<string, string | undefined>>,
	file: ProjectFile,
): ResolvedConfig {
	const storeHash = firstSet(
		flags.storeHash,
		env.CATALYST_STORE_HASH,
		env.BIGCOMMERCE_STORE_HASH,
		file.storeHash,
	);
	const token = firstSet(
		flags.accessToken,
		env.CATALYST_ACCESS_TOKEN,
		env.BIGCOMMERCE_ACCESS_TOKEN,
		file.accessToken,
	);
	const missing: string[] = [];
	if (storeHash === undefined) {
		missing.push(
			`a store hash: --store-hash, CATALYST_STORE_HASH (or BIGCOMMERCE_STORE_HASH), or "storeHash" in ${projectFilePath}`,
		);
	}
	if (token === undefined) {
		missing.push(
			`an access token: CATALYST_ACCESS_TOKEN (or BIGCOMMERCE_ACCESS_TOKEN), "accessToken" in ${projectFilePath}, or --access-token (flags show in ps)`,
		);
	}
	if (storeHash === undefined || token === undefined) {
		// run-command prefixes "bctail: ": the sentence must not start with the name again.
		throw new ConfigError(`missing ${missing.join("; and ")}.`);
	}
	const fromEnv = firstSet(env.CATALYST_PROJECT_UUID);
	const projects =
		flags.projects.length > 0
			? flags.projects
			: fromEnv !== undefined
				? [fromEnv]
				: file.projectUuid !== undefined
					? [file.projectUuid]
					: [];
	return {
		storeHash,
		token,
		apiHost:
			firstSet(flags.apiHost, env.CATALYST_API_HOST, env.BIGCOMMERCE_API_HOST, file.apiHost) ??
			defaultApiHost,
		projects,
	};
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => uuidPattern.test(value);
