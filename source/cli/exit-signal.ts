/**
 * Calls `onSignal` on the first SIGINT, SIGTERM or SIGHUP (a second one exits at once, for a stuck
 * shutdown). Returns a function that removes the handlers.
 */
export function waitForExitSignal(onSignal: () => void): () => void {
	let seen = false;
	const handler = (): void => {
		if (seen) process.exit(130);
		seen = true;
		onSignal();
	};
	const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
	for (const signal of signals) process.on(signal, handler);
	return () => {
		for (const signal of signals) process.off(signal, handler);
	};
}
