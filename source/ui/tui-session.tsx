/**
 * Starts the full-screen app and owns the terminal while it runs: alternate screen, raw input, hidden
 * cursor. Every way out restores the terminal first: `q` / Ctrl-C, SIGINT / SIGTERM / SIGHUP, an
 * uncaught exception or rejection (the error is printed after the screen is back), a render error.
 * Ctrl-Z (or SIGTSTP) hands the terminal back to the shell and redraws on SIGCONT, at the terminal's
 * size as it is then (it may have been resized meanwhile).
 *
 * Import it through run-tui.tsx, which trims Ink's module graph before loading this file.
 */
import type { EventEmitter } from "node:events";
import { writeSync } from "node:fs";
import { type Instance, render, type SuspendTerminal, useApp } from "ink";
import { type ReactNode, useEffect } from "react";
import { sanitize } from "../model/sanitize.js";
import type { ProjectInfo } from "../model/types.js";
import type { TailStore } from "../store/types.js";
import { App } from "./app.js";
import type { HistoryEffects } from "./commands.js";
import { createJobControl, type JobControl } from "./job-control.js";
import { mouseOff, mouseOn } from "./mouse-events.js";
import { tapMouse } from "./mouse-input.js";
import { createTerminalGuard, type TerminalGuard } from "./terminal-guard.js";
import { createMouseSource, type MouseSource } from "./use-mouse.js";

export interface RunTuiOptions {
	readonly store: TailStore;
	/** The projects API's list, for the picker (`a`, and at start when the store has no pane). */
	readonly listProjects?: () => Promise<ProjectInfo[]>;
	/** Add the chosen projects to the store and start their streams. */
	readonly onOpenProjects?: (projects: ProjectInfo[]) => void;
	/** Stop the pane's stream and remove it from the store (`w`). */
	readonly onClosePane?: (uuid: string) => void;
	readonly onLoadOlder?: (uuid: string) => void;
	readonly history?: HistoryEffects | undefined;
	readonly stdout?: NodeJS.WriteStream;
	readonly stdin?: NodeJS.ReadStream;
	readonly stderr?: NodeJS.WriteStream;
	/** Where signals and uncaught errors are listened for (default `process`; tests pass an emitter). */
	readonly signals?: EventEmitter;
	/** Stops the process for Ctrl-Z (default: SIGSTOP to itself; tests pass a fake). */
	readonly stopProcess?: () => void;
	/** Mouse reports on (default): the wheel scrolls, a click focuses and selects. `--no-mouse` turns them off. */
	readonly mouse?: boolean;
}

/** Why the TUI ended. After `signal`, exit with 128 + the signal number; after `error`, exit 1. */
export type TuiExit =
	| { readonly reason: "quit" }
	| { readonly reason: "signal"; readonly signal: "SIGINT" | "SIGTERM" | "SIGHUP" }
	| { readonly reason: "error"; readonly error: unknown };

const exitSignals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

let stopActive: ((exit: TuiExit) => void) | null = null;

/** Ink's frame cap: high enough that it never delays a frame the store's scheduler (or a key) publishes. */
const inkMaxFps = 240;

/**
 * Ends the running TUI, if any, restoring the terminal (the pending `runTui` resolves with `quit`).
 * Safe to call at any time and more than once: for the CLI's own shutdown paths.
 */
export function stopTui(): void {
	stopActive?.({ reason: "quit" });
}

function describeError(error: unknown): string {
	const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
	// An error can quote stream data: never hand raw control characters to the restored terminal.
	return `bctail: ${sanitize(text)}\n`;
}

/** Hands Ink's `suspendTerminal` to `runTui`, which is outside React. */
function Bridge(props: { onSuspendTerminal: (suspend: SuspendTerminal) => void; children: ReactNode }) {
	const { suspendTerminal } = useApp();
	const { onSuspendTerminal } = props;
	useEffect(() => onSuspendTerminal(suspendTerminal), [suspendTerminal, onSuspendTerminal]);
	return <>{props.children}</>;
}

/**
 * Runs the TUI until the user quits or a signal or an uncaught error ends it, and resolves (never
 * rejects) once the terminal is restored. Only one TUI runs at a time.
 */
export function runTui(options: RunTuiOptions): Promise<TuiExit> {
	if (stopActive) return Promise.reject(new Error("runTui: the TUI is already running"));
	const signals: EventEmitter = options.signals ?? process;
	const stderr = options.stderr ?? process.stderr;
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
	const mouse = options.mouse !== false;

	return new Promise<TuiExit>((resolve) => {
		let finished = false;
		// Created once Ink is rendering (see below); `exit` before that has nothing to restore.
		let guard: TerminalGuard | null = null;
		const jobs = createJobControl({
			signals,
			stdout,
			stopProcess: options.stopProcess ?? (() => process.kill(process.pid, "SIGSTOP")),
			guard: () => guard,
			finished: () => finished,
			modes: mouse ? { off: mouseOff, on: mouseOn } : undefined,
		});

		// The first frame shows the panes of projects added just before the app started (their publish
		// may still be queued): no "No projects open" flash, and no second frame to wait for.
		options.store.flush();
		// Mouse reports are cut from the input before Ink reads it (Ink drops them): see mouse-input.ts.
		const mouseSource = mouse ? createMouseSource() : undefined;
		const untapMouse =
			mouseSource === undefined ? () => {} : tapMouse(stdin, (reports) => mouseSource.emit(reports));
		const instance = renderApp(options, { stdout, stdin, stderr }, jobs, mouseSource, () =>
			finish({ reason: "quit" }),
		);
		const unwatch = watchExits(signals, jobs.suspend, finish);

		function finish(exit: TuiExit): void {
			if (finished) return;
			finished = true;
			unwatch();
			untapMouse();
			guard?.dispose();
			stopActive = null;
			try {
				instance.unmount();
				// Ink's teardown has left the alternate screen and raw mode (synchronously); mouse reports
				// are ours to end (the app's effect does too, but passive effects may not run at unmount).
				if (mouse) stdout.write(mouseOff);
				guard?.disarm();
			} catch {
				// Unmounting writes to the terminal; a hung-up terminal may refuse. Restore what can be.
				guard?.restore();
			}
			// Resolve only once Ink's teardown writes (leaving the alternate screen) are out, so an error
			// printed now lands on the user's own screen.
			instance
				.waitUntilExit()
				.catch(() => {})
				.then(() => {
					if (exit.reason === "error") stderr.write(describeError(exit.error));
					resolve(exit);
				});
		}

		stopActive = finish;
		guard = guardTerminal(instance, stdout, stdin, signals, mouse);
		// A render error makes Ink exit with it.
		instance.waitUntilExit().catch((error: unknown) => finish({ reason: "error", error }));
	});
}

interface Streams {
	readonly stdout: NodeJS.WriteStream;
	readonly stdin: NodeJS.ReadStream;
	readonly stderr: NodeJS.WriteStream;
}

/** Mounts the app on the alternate screen, raw input, no console patching, Ink's throttle out of the way. */
function renderApp(
	options: RunTuiOptions,
	streams: Streams,
	jobs: JobControl,
	mouse: MouseSource | undefined,
	onQuit: () => void,
): Instance {
	return render(
		<Bridge onSuspendTerminal={jobs.setSuspendTerminal}>
			<App
				store={options.store}
				listProjects={options.listProjects}
				onOpenProjects={options.onOpenProjects}
				onClosePane={options.onClosePane}
				onLoadOlder={options.onLoadOlder}
				history={options.history}
				onQuit={onQuit}
				onSuspend={jobs.suspend}
				mouse={mouse}
				write={(text) => {
					streams.stdout.write(text);
				}}
			/>
		</Bridge>,
		{
			...streams,
			alternateScreen: true,
			exitOnCtrlC: false,
			patchConsole: false,
			interactive: true,
			// The store's frame scheduler spaces updates by their measured cost; Ink's own throttle
			// (30 fps by default) would only hold back the frame a key asks for, by up to its interval.
			maxFps: inkMaxFps,
			onRender: () => options.store.frameDrawn(),
		},
	);
}

/**
 * Listens for the ways a session ends from outside (SIGINT, SIGTERM, SIGHUP, an uncaught exception or
 * rejection) and for SIGTSTP; returns the function that stops listening.
 */
function watchExits(signals: EventEmitter, suspend: () => void, finish: (exit: TuiExit) => void): () => void {
	const signalHandlers = exitSignals.map(
		(signal) => [signal, () => finish({ reason: "signal", signal })] as const,
	);
	const onError = (error: unknown): void => finish({ reason: "error", error });
	for (const [signal, handler] of signalHandlers) signals.on(signal, handler);
	signals.on("SIGTSTP", suspend);
	signals.on("uncaughtException", onError);
	signals.on("unhandledRejection", onError);
	return () => {
		for (const [signal, handler] of signalHandlers) signals.off(signal, handler);
		signals.off("SIGTSTP", suspend);
		signals.off("uncaughtException", onError);
		signals.off("unhandledRejection", onError);
	};
}

/** `process.exit()` from any handler skips the teardown in `finish`: the guard does it from `exit`. */
function guardTerminal(
	instance: Instance,
	stdout: NodeJS.WriteStream,
	stdin: NodeJS.ReadStream,
	signals: EventEmitter,
	mouse: boolean,
): TerminalGuard {
	const write = (text: string): void => {
		const fd = (stdout as { readonly fd?: unknown }).fd;
		if (typeof fd === "number") writeSync(fd, text);
		else stdout.write(text);
	};
	return createTerminalGuard({
		events: signals,
		teardown: () => {
			instance.unmount();
			if (mouse) write(mouseOff);
		},
		writeSync: write,
		cookInput: () => {
			if (stdin.isTTY) stdin.setRawMode(false);
		},
	});
}
