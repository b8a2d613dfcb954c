/**
 * Reading bctail's screen from a terminal capture. tmux can be captured while a frame is still being
 * written, the more so on a busy machine: a test that compares screens must wait for whole ones.
 */

const statusBar = /^ (TAIL|SEARCH|TIME|PICK|VIEW|HELP) /;

/**
 * The frame on `screen` (a `capture-pane` text) was written whole: its last line is the status bar,
 * right under the panes' bottom border. Ink writes the bar last and erases a frame from the bottom up,
 * so a capture in the middle of either shows no bar at the bottom.
 */
export function frameWhole(screen: string): boolean {
	const lines = screen.trimEnd().split("\n");
	return statusBar.test(lines.at(-1) ?? "") && (lines.at(-2) ?? "").trimEnd().endsWith("╯");
}
