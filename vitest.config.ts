import { defineConfig } from "vitest/config";

export default defineConfig({
	test: {
		include: ["test/**/*.test.{ts,tsx}"],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// vitest's fake timers fake setImmediate by default and stall Ink: tests that fake timers
		// must pass `toFake` explicitly without it.
		fakeTimers: { toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] },
	},
});
