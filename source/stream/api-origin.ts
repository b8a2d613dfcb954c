/**
 * Turns the configured API host (`--api-host`, `CATALYST_API_HOST`, `apiHost`) into the origin
 * requests go to. The token travels in a header, so plain http is allowed only to this machine (the
 * emulator): anywhere else it would cross the network in clear text.
 */

import { isLoopbackHost } from "./loopback.js";

export const defaultApiHost = "api.bigcommerce.com";

/**
 * `host[:port]` → `https://host[:port]`; a full `https://` URL is accepted; `http://` only for a
 * loopback host (127.0.0.0/8, ::1, localhost). Empty input means the default host. Throws an `Error`
 * with a message for the user for anything else (a path, credentials, another scheme).
 */
export function parseApiHost(input: string): { origin: string } {
	const text = input.trim();
	if (text === "") return { origin: `https://${defaultApiHost}` };
	const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
	let url: URL;
	try {
		url = new URL(hasScheme ? text : `https://${text}`);
	} catch {
		throw new Error(`Invalid API host "${printable(text)}": expected a host name such as ${defaultApiHost}.`);
	}
	if (url.protocol !== "https:" && url.protocol !== "http:") {
		throw new Error(
			`Invalid API host "${printable(text)}": only https:// (or http:// to this machine) is supported.`,
		);
	}
	if (url.hostname === "") {
		throw new Error(`Invalid API host "${printable(text)}": no host name.`);
	}
	if (url.username !== "" || url.password !== "") {
		throw new Error(`Invalid API host "${printable(text)}": credentials in the URL are not supported.`);
	}
	if ((url.pathname !== "/" && url.pathname !== "") || url.search !== "" || url.hash !== "") {
		throw new Error(
			`Invalid API host "${printable(text)}": give only the host (and port), such as ${defaultApiHost}.`,
		);
	}
	if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
		throw new Error(
			`Refusing plain http:// to ${printable(url.host)}: the access token would cross the network unencrypted. Use https://, or http:// only for 127.0.0.1, ::1 or localhost.`,
		);
	}
	return { origin: url.origin };
}

/** Config text can hold anything: keep messages to printable ASCII and short. */
function printable(text: string): string {
	const cleaned = text.replace(/[^\x20-\x7e]/g, "?");
	return cleaned.length > 100 ? `${cleaned.slice(0, 99)}…` : cleaned;
}
