/**
 * The odd shapes real history entries have, planted in a share of the GENERATED ones so a client
 * meets them in tests and `--demo`: no `entry_type`, a `<*>` template `exception_name`, a null
 * timestamp on request-less entries, an unknown `worker_version` field. Drawn from the seeded PRNG.
 */
import type { FlatEntry } from "./history-entries.js";
import type { Random } from "./prng.js";
import type { HistoryEntry } from "./types.js";

export interface QuirkOptions {
	/** Share of entries without `entry_type`. */
	readonly untypedShare: number;
}

/**
 * `message` as a `<*>` template: the tokens holding a digit or a quote become `<*>`, or the middle
 * token when none does (so a template always differs from the literal message).
 */
export function templateOf(message: string): string {
	const tokens = message.split(" ");
	let replaced = false;
	const templated = tokens.map((token) => {
		if (!/[0-9"'`]/.test(token)) return token;
		replaced = true;
		return "<*>";
	});
	if (!replaced) templated[Math.floor(tokens.length / 2)] = "<*>";
	return templated.join(" ");
}

function quirky(random: Random, entry: HistoryEntry, options: QuirkOptions): HistoryEntry {
	const changed: Record<string, unknown> = { ...entry };
	if (random.chance(options.untypedShare)) delete changed.entry_type;
	if (entry.is_exception && typeof entry.exception_name === "string" && random.chance(0.25)) {
		const text = String(entry.messages[0] ?? "");
		const message = text.slice(entry.exception_name.length + 2);
		changed.exception_name = `${entry.exception_name}: ${templateOf(message)}`;
	}
	if (entry.request === null && random.chance(0.1)) changed.timestamp = null;
	if (random.chance(0.03)) changed.worker_version = `2026.${random.int(1, 12)}.${random.int(0, 99)}`;
	return changed as unknown as HistoryEntry;
}

/** The entries with quirks planted; `at` and `kind` stay as they were. */
export function withQuirks(
	random: Random,
	entries: readonly FlatEntry[],
	options: QuirkOptions,
): FlatEntry[] {
	return entries.map((flat) => ({ ...flat, entry: quirky(random, flat.entry, options) }));
}
