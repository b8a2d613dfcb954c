// Preloaded with `node --import` by the terminal tests: crashes the process when the test says so, with
// SIGUSR2, once it has seen the TUI drawing. A timer here would race the TUI's start-up, which on a busy
// machine can take longer than any fixed delay. The crash runs on a turn of its own (not in the signal
// listener) so it reaches the process as the app's own would. BCTAIL_INJECT_CRASH picks the kind:
// `throw` (default: an uncaught exception), `rejection` (an unhandled rejection) or `exit` (a handler
// that calls process.exit(3), which skips every teardown but the `exit` listeners).
const kind = process.env.BCTAIL_INJECT_CRASH ?? "throw";
process.on("SIGUSR2", () => {
	setImmediate(() => {
		if (kind === "rejection") {
			Promise.reject(new Error("injected rejection for the terminal test"));
		} else if (kind === "exit") {
			process.exit(3);
		} else {
			throw new Error("injected crash for the terminal test");
		}
	});
});
