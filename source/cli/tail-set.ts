import type { TailSink } from "../model/types.js";
import { createTailClient, type TailClient, type TailTarget } from "../stream/tail-client.js";
import { userAgent } from "../util/version.js";

export interface TailSetOptions {
	readonly target: TailTarget;
	readonly sink: TailSink;
	readonly idleTimeoutMs: number;
	readonly maxEventBytes: number;
}

/** The running stream clients, one per project, that can grow (picker) and shrink (closed pane). */
export class TailSet {
	readonly #options: TailSetOptions;
	readonly #clients = new Map<string, TailClient>();

	constructor(options: TailSetOptions) {
		this.#options = options;
	}

	get projects(): string[] {
		return [...this.#clients.keys()];
	}

	has(projectUuid: string): boolean {
		return this.#clients.has(projectUuid);
	}

	add(projectUuid: string): void {
		if (this.#clients.has(projectUuid)) return;
		const client = createTailClient({
			target: this.#options.target,
			projectUuid,
			sink: this.#options.sink,
			idleTimeoutMs: this.#options.idleTimeoutMs,
			maxEventBytes: this.#options.maxEventBytes,
			userAgent,
		});
		this.#clients.set(projectUuid, client);
		client.start();
	}

	async remove(projectUuid: string): Promise<void> {
		const client = this.#clients.get(projectUuid);
		if (client === undefined) return;
		this.#clients.delete(projectUuid);
		await client.stop();
	}

	async stopAll(): Promise<void> {
		const clients = [...this.#clients.values()];
		this.#clients.clear();
		await Promise.all(clients.map((client) => client.stop()));
	}
}
