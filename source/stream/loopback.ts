/**
 * The one loopback check: plain http (with the token in a header) is allowed only to this machine,
 * and the emulator listens only here. Accepts a hostname as `URL` writes it or as a user types it.
 */

/**
 * Whether `host` names this machine: `localhost`, 127.0.0.0/8, `::1`, and IPv4-mapped loopback in
 * either spelling (`::ffff:127.0.0.1`, or `::ffff:7f00:1` as `URL` normalizes it). Brackets around an
 * IPv6 address and letter case do not matter.
 */
export function isLoopbackHost(host: string): boolean {
	const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
	const lower = bare.toLowerCase();
	if (lower === "localhost" || lower === "::1") return true;
	// `URL` has already turned short and hex forms (127.1, 0x7f.1) into dotted quads.
	if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(lower)) return true;
	if (/^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(lower)) return true;
	return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(lower);
}
