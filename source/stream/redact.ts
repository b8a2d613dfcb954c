/**
 * Removes a secret from text that may reach a screen, a log or an error: undici and Node put request
 * details into their messages, and a token must never be shown, whatever the path it took.
 */

/** `text` with every occurrence of `secret` replaced by `[token]` (no-op for an empty secret). */
export function redactSecret(text: string, secret: string): string {
	if (secret === "" || !text.includes(secret)) return text;
	return text.replaceAll(secret, "[token]");
}
