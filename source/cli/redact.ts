/**
 * Removes every occurrence of the secrets from a text meant for the user. The last line of defence:
 * messages are built without the token in the first place, but an error from a dependency could
 * echo a header or a URL.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
	let result = text;
	for (const secret of secrets) {
		// Very short values would mangle ordinary words; real tokens are long.
		if (secret === undefined || secret.length < 4) continue;
		result = result.split(secret).join("[redacted]");
	}
	return result;
}
