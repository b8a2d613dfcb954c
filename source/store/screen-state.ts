/**
 * What the whole screen shows beside the panes' rows: which pane has the focus, the layout, zoom, the
 * time format and the transient notice (which clears itself on the injected clock). Published in the
 * store's snapshot; the log model knows nothing of it.
 */
import { sanitizeOneLine } from "../model/sanitize.js";
import type { Clock, TimerHandle } from "../util/clock.js";
import type { LayoutMode, TimeFormat } from "./types.js";

const layouts: readonly LayoutMode[] = ["auto", "columns", "rows", "grid"];
const timeFormats: readonly TimeFormat[] = ["local", "utc", "relative"];
const DEFAULT_NOTICE_MS = 4_000;

function next<T>(list: readonly T[], current: T): T {
	return list[(list.indexOf(current) + 1) % list.length] as T;
}

export class ScreenState {
	readonly #clock: Clock;
	/** An action changed what is shown: publish at once. */
	readonly #changed: () => void;
	/** Time changed what is shown (a notice ran out): publish at the next frame. */
	readonly #dirty: () => void;
	#focus = 0;
	#layout: LayoutMode = "auto";
	#zoom = false;
	#timeFormat: TimeFormat = "local";
	#notice: string | null = null;
	#noticeTimer: TimerHandle | null = null;
	#disposed = false;

	constructor(clock: Clock, changed: () => void, dirty: () => void) {
		this.#clock = clock;
		this.#changed = changed;
		this.#dirty = dirty;
	}

	get focus(): number {
		return this.#focus;
	}

	get layout(): LayoutMode {
		return this.#layout;
	}

	get zoom(): boolean {
		return this.#zoom;
	}

	get timeFormat(): TimeFormat {
		return this.#timeFormat;
	}

	get notice(): string | null {
		return this.#notice;
	}

	/**
	 * Focuses pane `index` of `count` (clamped).
	 * @returns whether the focus moved
	 */
	focusPane(index: number, count: number): boolean {
		const focus = Math.min(Math.max(0, count - 1), Math.max(0, Math.floor(index)));
		if (focus === this.#focus) return false;
		this.#focus = focus;
		this.#changed();
		return true;
	}

	/** Keeps the focus on a pane after panes went away (no publish of its own). */
	clampFocus(count: number): void {
		this.#focus = Math.min(this.#focus, Math.max(0, count - 1));
	}

	cycleLayout(): void {
		this.#layout = next(layouts, this.#layout);
		this.#changed();
	}

	toggleZoom(): void {
		this.#zoom = !this.#zoom;
		this.#changed();
	}

	cycleTimeFormat(): void {
		this.#timeFormat = next(timeFormats, this.#timeFormat);
		this.#changed();
	}

	/** Shows `text` in the status bar for `ms` (default 4 s); a newer notice replaces it. */
	setNotice(text: string, ms = DEFAULT_NOTICE_MS): void {
		if (this.#noticeTimer !== null) this.#clock.clearTimeout(this.#noticeTimer);
		this.#noticeTimer = null;
		this.#notice = sanitizeOneLine(text);
		if (!this.#disposed) {
			this.#noticeTimer = this.#clock.setTimeout(() => {
				this.#noticeTimer = null;
				this.#notice = null;
				this.#dirty();
			}, ms);
		}
		this.#changed();
	}

	dispose(): void {
		this.#disposed = true;
		if (this.#noticeTimer !== null) this.#clock.clearTimeout(this.#noticeTimer);
		this.#noticeTimer = null;
	}
}
