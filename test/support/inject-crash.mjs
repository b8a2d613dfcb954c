// Preloaded with `node --import` by the terminal tests: throws an uncaught exception when the test says
// so, with SIGUSR2, once it has seen the TUI drawing. A timer here would race the TUI's start-up, which
// on a busy machine can take longer than any fixed delay. The throw runs on a turn of its own (not in
// the signal listener) so it reaches the process as any uncaught exception of the app would.
process.on("SIGUSR2", () => {
	setImmediate(() => {
		throw new Error("injected crash for the terminal test");
	});
});
