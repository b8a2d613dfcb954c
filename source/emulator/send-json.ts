/**
 * Writes a whole JSON response. Every non-stream answer of the emulator goes through it, faults
 * included, so a status that must not carry a body never gets one.
 */
import type { ServerResponse } from "node:http";

export function sendJson(
	response: ServerResponse,
	status: number,
	body: string,
	headers: Readonly<Record<string, string>> = {},
): void {
	// These statuses must not carry a body (HTTP); a fault may still ask for them.
	const bodyless = status < 200 || status === 204 || status === 304;
	if (!bodyless) response.setHeader("Content-Type", "application/json");
	// setHeader is case-insensitive, so a fault's "content-type" replaces the default.
	for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
	if (!bodyless) response.setHeader("Content-Length", String(Buffer.byteLength(body)));
	response.writeHead(status);
	response.end(bodyless ? undefined : body);
}
