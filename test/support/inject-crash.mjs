// Preloaded with `node --import` by the terminal tests: throws an uncaught exception once the TUI is
// drawing, to prove that a crash still leaves the terminal in its normal state.
setTimeout(
	() => {
		throw new Error("injected crash for the terminal test");
	},
	Number(process.env.BCTAIL_TEST_CRASH_MS ?? 1500),
);
