import { defineConfig } from "vitest/config";

export default defineConfig({
	test: {
		include: ["test/**/*.test.{ts,tsx}"],
		// Failure bounds, not speed limits: a test that holds waits on its conditions, and on a machine
		// whose cores are busy elsewhere those conditions can take several times longer to come true.
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// `vi.waitFor` with no timeout of its own waits up to 15 s (test/support/wait-defaults.ts), and
		// `expect.poll` the same.
		setupFiles: ["test/support/wait-defaults.ts"],
		expect: { poll: { timeout: 15_000 } },
		// vitest's fake timers fake setImmediate by default and stall Ink: tests that fake timers
		// must pass `toFake` explicitly without it.
		fakeTimers: { toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] },
	},
});
