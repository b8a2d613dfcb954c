/**
 * The file `s` writes: the events a pane shows as NDJSON, one event a line, the same lines as
 * `--format json` (the event's JSON as received, the token already masked by the stream). Named
 * `bctail-export-<project>-<UTC time, basic ISO>.ndjson`; an existing file is never overwritten (the
 * file is created exclusively, and a taken name gets `-2`, `-3` …). Written in chunks, each awaited
 * before the next is formatted and with a turn of the event loop between them, so a buffer of 100k
 * events neither blocks the keys nor holds the whole text in memory at once. A failed write removes
 * the part written and rejects with the error (the caller says it in a sentence).
 */
import { type FileHandle, open, rm } from "node:fs/promises";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { TailEvent } from "../model/types.js";
import { createLineFormatter } from "./line-format.js";

/** How much text one write carries. */
const chunkBytes = 256 * 1024;
/** A name part longer than this is cut (file systems allow 255 bytes for the whole name). */
const maxNamePart = 60;
/** How many `-n` names are tried before giving up (a folder full of same-second exports). */
const maxCopies = 1000;

/**
 * `text` as one part of a file name: letters, digits, `.`, `_` and `-` kept, any run of anything else
 * (spaces, slashes, `:`, control characters) one `-`, no leading or trailing `-` or `.`, at most 60
 * characters; "pane" when nothing is left.
 */
export function safeFilePart(text: string): string {
	const trim = (value: string): string => value.replace(/^[-.]+|[-.]+$/g, "");
	const cut = Array.from(trim(text.normalize("NFC").replace(/[^\p{L}\p{N}._-]+/gu, "-")))
		.slice(0, maxNamePart)
		.join("");
	return trim(cut) || "pane";
}

/** `at` as basic ISO 8601 in UTC, to the second: `20261204T154342Z`. */
export function basicIsoUtc(at: Date): string {
	return `${at.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

/** The export's file name; `copy` 2 and up is a name already taken with `-2`, `-3` … before `.ndjson`. */
export function exportFileName(project: string, at: Date, copy = 1): string {
	const suffix = copy > 1 ? `-${copy}` : "";
	return `bctail-export-${safeFilePart(project)}-${basicIsoUtc(at)}${suffix}.ndjson`;
}

/** A new file in `dir` for the export: the first free name (created exclusively: never an existing file). */
async function createNew(
	dir: string,
	project: string,
	at: Date,
): Promise<{ file: string; handle: FileHandle }> {
	for (let copy = 1; ; copy++) {
		const file = path.join(dir, exportFileName(project, at, copy));
		try {
			// Owner-only: an export holds whatever the logs hold.
			return { file, handle: await open(file, "wx", 0o600) };
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== "EEXIST" || copy >= maxCopies) throw error;
		}
	}
}

/** Writes all of `text` (a write may take less than it was given). */
async function writeAll(handle: FileHandle, text: string): Promise<void> {
	const bytes = Buffer.from(text, "utf8");
	let offset = 0;
	while (offset < bytes.length) {
		const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
		offset += bytesWritten;
	}
}

/** What an export wrote. */
export interface ExportResult {
	/** The file's path (in `dir`). */
	readonly file: string;
	/** How many events it holds. */
	readonly count: number;
}

/**
 * Writes `events` to a new NDJSON file in `dir` named after `project` and `at` (see the module comment).
 * @throws the file system's error (EACCES, ENOSPC, EROFS …); the part written is removed
 */
export async function writeExport(
	dir: string,
	project: string,
	events: readonly TailEvent[],
	at: Date = new Date(),
): Promise<ExportResult> {
	const format = createLineFormatter({ format: "json", color: false });
	const { file, handle } = await createNew(dir, project, at);
	try {
		let chunk = "";
		for (const event of events) {
			chunk += format(event);
			if (chunk.length < chunkBytes) continue;
			await writeAll(handle, chunk);
			chunk = "";
			// Keys and ingest get their turn between chunks, however fast the disk is.
			await nextTurn();
		}
		if (chunk !== "") await writeAll(handle, chunk);
		await handle.close();
	} catch (error) {
		await handle.close().catch(() => {});
		await rm(file, { force: true }).catch(() => {});
		throw error;
	}
	return { file, count: events.length };
}
