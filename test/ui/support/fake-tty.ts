/**
 * Terminal streams for running the real `runTui` in-process: a TTY-like stdout of a fixed size that
 * records everything written (escape sequences included), and a TTY-like stdin that records raw mode.
 */
import { EventEmitter } from "node:events";

/** Every write to the fake terminal streams, in order, tagged by stream. */
export type WriteLog = { stream: "stdout" | "stderr"; text: string }[];

export class FakeTtyOut extends EventEmitter {
	readonly isTTY = true;
	columns: number;
	rows: number;

	constructor(
		readonly log: WriteLog,
		readonly stream: "stdout" | "stderr",
		columns = 100,
		rows = 30,
	) {
		super();
		this.columns = columns;
		this.rows = rows;
	}

	write(data: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown): boolean {
		this.log.push({
			stream: this.stream,
			text: typeof data === "string" ? data : Buffer.from(data).toString("utf8"),
		});
		const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
		if (typeof done === "function") queueMicrotask(() => (done as () => void)());
		return true;
	}

	/** Everything written to this stream so far. */
	text(): string {
		return this.log
			.filter((write) => write.stream === this.stream)
			.map((write) => write.text)
			.join("");
	}
}

export class FakeTtyIn extends EventEmitter {
	readonly isTTY = true;
	/** Each `setRawMode` argument, in order. */
	readonly rawModes: boolean[] = [];
	#data: string | null = null;

	/** Types `data` as if at the keyboard. */
	type(data: string): void {
		this.#data = data;
		this.emit("readable");
	}

	read(): string | null {
		const data = this.#data;
		this.#data = null;
		return data;
	}

	setRawMode(mode: boolean): this {
		this.rawModes.push(mode);
		return this;
	}

	setEncoding(): this {
		return this;
	}
	resume(): this {
		return this;
	}
	pause(): this {
		return this;
	}
	ref(): this {
		return this;
	}
	unref(): this {
		return this;
	}
}
