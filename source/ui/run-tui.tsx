/**
 * The TUI's entry point: loading it loads Ink, React and the app. Ink's import graph is trimmed first
 * (ink-imports.ts), which only works before that graph is resolved: hence the dynamic import here
 * rather than a static one. See tui-session.tsx for the session itself.
 */
import { trimInkImports } from "./ink-imports.js";

trimInkImports();
const session = await import("./tui-session.js");

export type { RunTuiOptions, TuiExit } from "./tui-session.js";
/** Runs the TUI until the user quits, a signal or an uncaught error ends it (see tui-session.tsx). */
export const runTui = session.runTui;
/** Ends the running TUI, if any, restoring the terminal. */
export const stopTui = session.stopTui;
