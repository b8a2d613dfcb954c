/**
 * The floor of the tmux key measure: a full-screen program that shows "PAUSED" or "RUNNING" on the
 * first line, toggled by `p`, and does nothing else. Whatever bctail takes beyond this is bctail's.
 */
process.stdin.setRawMode(true);
process.stdout.write("\u001b[?1049h\u001b[H\u001b[2JRUNNING ready");
let paused = false;
process.stdin.on("data", (chunk) => {
	if (chunk.includes(3)) process.exit(0);
	if (!chunk.includes(0x70)) return;
	paused = !paused;
	process.stdout.write(`\u001b[H\u001b[2K${paused ? "PAUSED" : "RUNNING"} ready`);
});
