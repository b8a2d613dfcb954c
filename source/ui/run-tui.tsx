/**
 * The TUI's entry point: loading it loads Ink, React and the app. Ink's import graph is trimmed first
 * (ink-imports.ts), which only works before that graph is resolved: hence the dynamic import here
 * rather than a static one. Ink's output step is then sped up (ink-output/install.ts). See tui-session.tsx for the session itself.
 */
import { trimInkImports } from "./ink-imports.js";
import { installInkFastOutput } from "./ink-output/install.js";

trimInkImports();
// Before the first frame: Ink's output step, drawn per segment instead of per cell (ink-output/).
await installInkFastOutput();
const session = await import("./tui-session.js");

export type { RunTuiOptions, TuiExit } from "./tui-session.js";
/** Runs the TUI until the user quits, a signal or an uncaught error ends it (see tui-session.tsx). */
export const runTui = session.runTui;
/** Ends the running TUI, if any, restoring the terminal. */
export const stopTui = session.stopTui;
