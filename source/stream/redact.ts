/**
 * Removes a secret from text that may reach a screen, a log or an error: undici and Node put request
 * details into their messages, and a token must never be shown, whatever the path it took.
 */

/** `text` with every occurrence of `secret` replaced by `[token]` (no-op for an empty secret). */
export function redactSecret(text: string, secret: string): string {
	if (secret === "" || !text.includes(secret)) return text;
	return text.replaceAll(secret, "[token]");
}

/** `text` with every configured secret (token, client secret) replaced by `[token]`; unset ones are skipped. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
	let result = text;
	for (const secret of secrets) if (secret !== undefined) result = redactSecret(result, secret);
	return result;
}
