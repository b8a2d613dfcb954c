/**
 * One self-overwriting progress line on stderr while a long query pages through history, so a user
 * watching a terminal knows it is working. Off a terminal it prints nothing (a log file must not fill
 * with carriage returns). Redrawn at most every 100 ms; `clear()` leaves the line empty before any
 * other notice is written. A stderr that fails is given up quietly: stdout's data matters more.
 */

export interface ProgressLine {
	show(text: string): void;
	clear(): void;
}

const minIntervalMs = 100;

export function createProgressLine(stream: NodeJS.WritableStream, enabled: boolean): ProgressLine {
	if (!enabled) return { show() {}, clear() {} };
	let shown = false;
	let last = 0;
	let gone = false;
	stream.on("error", () => {
		gone = true;
	});
	const put = (text: string): void => {
		if (gone) return;
		try {
			stream.write(text);
		} catch {
			gone = true;
		}
	};
	return {
		show(text) {
			const now = Date.now();
			if (now - last < minIntervalMs) return;
			last = now;
			shown = true;
			put(`\r\x1b[2K${text}`);
		},
		clear() {
			if (!shown) return;
			shown = false;
			last = 0;
			put("\r\x1b[2K");
		},
	};
}
