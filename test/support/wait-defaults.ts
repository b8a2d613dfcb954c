/**
 * Loaded before every test file (vitest.config.ts `setupFiles`). `vi.waitFor` gives up after 1 s unless
 * told otherwise, and that second is a wall-clock limit hidden in every wait that names no timeout: on a
 * machine whose cores are busy with other work, a loopback round trip or a child's start-up can take
 * longer, and a correct test fails. Here a wait without its own timeout lasts up to `waitTimeoutMs`: a
 * condition that does hold is still seen within one interval, and one that never holds still fails,
 * with its last error, well inside the test's own timeout. (`expect.poll` is configured in the config.)
 */
import { vi } from "vitest";

/** How long a wait with no timeout of its own keeps checking its condition. */
export const waitTimeoutMs = 15_000;

const original = vi.waitFor;

vi.waitFor = ((callback, options) => {
	const given = typeof options === "number" ? { timeout: options } : (options ?? {});
	return original(callback, { timeout: waitTimeoutMs, ...given });
}) as typeof vi.waitFor;
