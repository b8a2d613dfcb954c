/**
 * Ctrl-Z for the TUI: hands the terminal back to the shell, stops the process, and on SIGCONT re-reads
 * the terminal's size (no SIGWINCH reaches a stopped job, so it may have been resized meanwhile) before
 * Ink redraws everything.
 */
import type { EventEmitter } from "node:events";
import type { SuspendTerminal } from "ink";
import { refreshTerminalSize } from "./refresh-terminal-size.js";
import type { TerminalGuard } from "./terminal-guard.js";

export interface JobControlOptions {
	/** Where SIGCONT is listened for. */
	readonly signals: EventEmitter;
	readonly stdout: NodeJS.WriteStream;
	/** Stops the process (SIGSTOP to itself; tests pass a fake). */
	readonly stopProcess: () => void;
	/** The terminal guard, once there is one: disarmed while the shell owns the terminal. */
	readonly guard: () => TerminalGuard | null;
	/** True once the TUI is ending: a late Ctrl-Z then does nothing. */
	readonly finished: () => boolean;
	/**
	 * Terminal modes of the app's own that Ink does not know of (mouse reports): turned off before the
	 * shell gets the terminal, on again at `fg`.
	 */
	readonly modes?: { readonly off: string; readonly on: string } | undefined;
}

export interface JobControl {
	/** Suspends the TUI (Ctrl-Z, SIGTSTP); a second call while suspended does nothing. */
	readonly suspend: () => void;
	/** Ink's `suspendTerminal`, handed over from inside React once the app is mounted. */
	readonly setSuspendTerminal: (suspendTerminal: SuspendTerminal) => void;
}

export function createJobControl(options: JobControlOptions): JobControl {
	let suspendTerminal: SuspendTerminal | null = null;
	let suspended = false;

	const waitForContinue = (): Promise<void> =>
		new Promise<void>((resume) => {
			options.signals.once("SIGCONT", () => {
				refreshTerminalSize(options.stdout);
				if (options.modes !== undefined) options.stdout.write(options.modes.on);
				if (!options.finished()) options.guard()?.arm();
				resume();
			});
			if (options.modes !== undefined) options.stdout.write(options.modes.off);
			options.stopProcess();
		});

	const suspend = (): void => {
		if (suspended || options.finished() || !suspendTerminal) return;
		suspended = true;
		// Ink hands the terminal back to the shell: not ours to restore until `fg`.
		options.guard()?.disarm();
		// Ink leaves the alternate screen and raw mode, then redraws everything on resume.
		suspendTerminal(waitForContinue)
			.catch(() => {})
			.finally(() => {
				suspended = false;
			});
	};

	return {
		suspend,
		setSuspendTerminal: (fn) => {
			suspendTerminal = fn;
		},
	};
}
