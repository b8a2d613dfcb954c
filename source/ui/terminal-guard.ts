/**
 * The last line of defence for the terminal. Ink restores it when the app unmounts, and `runTui`
 * unmounts on every ending it hears about (quit, signals, uncaught errors), but some endings give no
 * later turn of the event loop: `process.exit()` called from any handler (ours or a library's) runs
 * only the `exit` listeners, synchronously, and then the process is gone. Ink's own `exit` hook then
 * draws a last frame before it restores anything, and a throw there (the very state that made the
 * process exit) would leave the shell on the alternate screen with the cursor hidden and the line
 * discipline raw (`-icanon -echo -isig`).
 *
 * So while the app owns the terminal, an `exit` listener that runs before every other one tears the
 * app down itself (Ink's teardown, which restores everything and is a no-op the second time) and, when
 * that throws, writes the restoring sequences and turns raw mode off directly, synchronously.
 *
 * Framework-free: it knows the escape sequences and raw mode, not Ink.
 */
import type { EventEmitter } from "node:events";
import { mouseOff } from "./mouse-events.js";

/**
 * What gives the terminal back: SGR reset, bracketed paste off, mouse reports off, the normal screen,
 * the cursor shown.
 * Leaving the alternate screen also restores the shell's cursor position, so it is written only when
 * the app's own teardown failed (never after it, where it would move the cursor).
 */
export const restoreSequence = `\x1b[0m\x1b[?2004l${mouseOff}\x1b[?1049l\x1b[?25h`;

export interface TerminalGuardOptions {
	/** Where `exit` is listened for (the process; tests pass an emitter). */
	readonly events: EventEmitter;
	/** The app's own synchronous teardown (Ink's unmount); tried first. */
	readonly teardown: () => void;
	/** Writes to the terminal synchronously (the process is ending: no later turn will flush a buffer). */
	readonly writeSync: (text: string) => void;
	/** Turns raw mode off on the terminal's input (nothing when it is not a terminal). */
	readonly cookInput: () => void;
}

export interface TerminalGuard {
	/** The app owns the terminal (it is drawing on the alternate screen, input raw). */
	arm(): void;
	/** The terminal was handed back properly (Ink's teardown, or a suspend): nothing to restore. */
	disarm(): void;
	/**
	 * If armed: restores the terminal directly (raw mode off, the restoring sequence), then disarms. For
	 * when the app's teardown threw. Safe to call any number of times; never throws.
	 */
	restore(): void;
	/** Removes the `exit` listener (the app ended). */
	dispose(): void;
}

/** Creates an armed guard and listens for `exit` (ahead of every other listener) until `dispose`. */
export function createTerminalGuard(options: TerminalGuardOptions): TerminalGuard {
	let armed = true;
	const restore = (): void => {
		if (!armed) return;
		armed = false;
		// Each step on its own: a terminal that hung up refuses writes, and raw mode must still go.
		try {
			options.cookInput();
		} catch {
			// Not a terminal any more: nothing to cook.
		}
		try {
			options.writeSync(restoreSequence);
		} catch {
			// Closed or full: the terminal is gone or not ours to fix.
		}
	};
	const onExit = (): void => {
		if (!armed) return;
		try {
			options.teardown();
			armed = false;
		} catch {
			// The app could not tear itself down: put the terminal back by hand.
			restore();
		}
	};
	options.events.prependListener("exit", onExit);
	return {
		arm: () => {
			armed = true;
		},
		disarm: () => {
			armed = false;
		},
		restore,
		dispose: () => {
			options.events.off("exit", onExit);
		},
	};
}
