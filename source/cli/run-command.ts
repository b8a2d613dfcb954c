import { ConfigError } from "../config/resolve-config.js";
import type { ProjectInfo } from "../model/types.js";
import { type LineFormat, shouldUseColor } from "../output/line-format.js";
import { createNoticeWriter } from "../output/notice-writer.js";
import { ApiError } from "../stream/api-errors.js";
import type { HistoryLevel } from "../stream/history-client.js";
import { listProjects } from "../stream/projects-api.js";
import { redactSecrets } from "../stream/redact.js";
import type { TailTarget } from "../stream/tail-client.js";
import { waitForExitSignal } from "./exit-signal.js";
import { runLineMode } from "./line-mode.js";
import { memoryBudget } from "./memory-budget.js";
import { openTarget, type TargetFlags } from "./open-target.js";
import { type QueryWindow, quoteArg, runQuery } from "./query-command.js";
import { runReplay } from "./replay.js";
import { ProjectNameError, type ResolvedProject, resolveProjects } from "./resolve-projects.js";
import { resolveTimeWindow } from "./time-window.js";

/** The flags of the command line (those that choose the target: see `TargetFlags`). */
export interface CommandFlags extends TargetFlags {
	/** `--project-uuid`, as `catalyst logs tail` takes it: added to the positional projects. */
	readonly projectUuid?: readonly string[] | undefined;
	readonly format?: string | undefined;
	readonly idleTimeout: number;
	readonly scrollback: number;
	/** MiB, when given. */
	readonly memory?: number | undefined;
	readonly save?: string | undefined;
	readonly maxEventSize: number;
	/** The TUI reads the mouse (default); `--no-mouse` leaves it to the terminal. */
	readonly mouse?: boolean | undefined;
	readonly port: number;
	readonly since?: string | undefined;
	readonly historySeed?: string | undefined;
	readonly start?: string | undefined;
	readonly end?: string | undefined;
	readonly method?: string | undefined;
	readonly statusCode?: number | undefined;
	readonly urlLike?: string | undefined;
	readonly levelMin?: string | undefined;
	readonly limit?: number | undefined;
	readonly after?: string | undefined;
	readonly before?: string | undefined;
}

export interface CommandInput {
	readonly input: readonly string[];
	readonly flags: CommandFlags;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly cwd: string;
	readonly showHelp: () => void;
	readonly stdout?: NodeJS.WriteStream;
	readonly stderr?: NodeJS.WriteStream;
}

/** Runs one invocation of bctail and returns its exit code. Every message is scrubbed of the token. */
export async function runCommand(command: CommandInput): Promise<number> {
	const stderr = command.stderr ?? process.stderr;
	const secrets: (string | undefined)[] = [
		command.flags.accessToken,
		command.env.CATALYST_ACCESS_TOKEN,
		command.env.BIGCOMMERCE_ACCESS_TOKEN,
	];
	try {
		return await dispatch(command, secrets);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		// Errors that are the user's to fix get a sentence; anything else is a bug and gets its stack.
		const expected =
			error instanceof ConfigError ||
			error instanceof ProjectNameError ||
			error instanceof UsageError ||
			error instanceof ApiError;
		// Through the notice writer: a stderr whose reader is gone must not turn this into a crash.
		createNoticeWriter(stderr).write(
			`bctail: ${redactSecrets(expected ? message : String((error as Error)?.stack ?? message), secrets)}`,
		);
		// A usage mistake exits 2, like the argument check in cli.tsx.
		return error instanceof UsageError ? 2 : 1;
	}
}

class UsageError extends Error {
	override name = "UsageError";
}

async function dispatch(command: CommandInput, secrets: (string | undefined)[]): Promise<number> {
	const { flags } = command;
	const input = [...command.input, ...(flags.projectUuid ?? [])];
	const stdout = command.stdout ?? process.stdout;
	const stderr = command.stderr ?? process.stderr;
	const interactive = flags.format === undefined && Boolean(stdout.isTTY) && Boolean(process.stdin.isTTY);
	const format = (flags.format ?? "default") as LineFormat;
	const color = shouldUseColor(command.env, Boolean(stdout.isTTY));
	if (input[0] === "emulator") return runEmulator(flags, stdout);
	if (input[0] === "replay") {
		const files = input.slice(1);
		if (files.length === 0) throw new UsageError("replay needs at least one file (or - for standard input)");
		return runReplay({
			files,
			interactive,
			format,
			color,
			scrollback: flags.scrollback,
			memoryBytes: memoryBudget(flags.memory),
			mouse: flags.mouse !== false,
			stdout,
			stderr,
			tokens: secrets,
		});
	}
	const query = input[0] === "query";
	const { target, emulator, projectInputs } = await openTarget(
		command,
		query ? input.slice(1) : input,
		secrets,
	);
	const list = (): Promise<ProjectInfo[]> => listProjects(target);
	try {
		let projects: ResolvedProject[] = await resolveProjects(projectInputs, list, (text) =>
			createNoticeWriter(stderr).write(`bctail: ${text}`),
		);
		if (emulator !== undefined) {
			// The demo's projects have names: label lines with them.
			const names = new Map(emulator.projects.map((project) => [project.uuid, project.name]));
			projects = projects.map((project) => ({ ...project, label: names.get(project.uuid) ?? project.label }));
		}
		if (query) {
			if (projects.length === 0) throw new ConfigError(noProjectSentence);
			return await runQueryFlags({ flags, projects, target, format, color, stdout, stderr });
		}
		const options = {
			target,
			sinceMs: tailSince(flags.since, interactive),
			idleTimeoutMs: flags.idleTimeout * 1000,
			maxEventBytes: Math.round(flags.maxEventSize * 1024 * 1024),
			save: flags.save,
		};
		if (!interactive) {
			if (projects.length === 0) throw new ConfigError(noProjectSentence);
			return await runLineMode({ ...options, projects, format, color, stdout, stderr });
		}
		const { runInteractive } = await import("./interactive.js");
		return await runInteractive({
			...options,
			projects,
			scrollback: flags.scrollback,
			memoryBytes: memoryBudget(flags.memory),
			mouse: flags.mouse !== false,
			listProjects: list,
		});
	} finally {
		await emulator?.close();
	}
}

/** `bctail emulator`: serves the emulator in the foreground until Ctrl-C or SIGTERM. */
async function runEmulator(flags: CommandFlags, stdout: NodeJS.WriteStream): Promise<number> {
	const { runEmulatorCommand } = await import("../emulator/command.js");
	const emulator = await runEmulatorCommand({
		port: flags.port,
		rate: flags.rate,
		hostile: flags.hostile,
		historySeed: flags.historySeed ?? "3h",
		stdout,
	});
	await new Promise<void>((resolve) => {
		const stop = waitForExitSignal(() => {
			stop();
			resolve();
		});
	});
	await emulator.close();
	return 0;
}

/** The TUI opens every pane with this much past unless --since says otherwise. */
const defaultTuiSinceMs = 15 * 60_000;

/** `--since` for the tail in ms: none by default in line mode (as kubectl logs -f), 15 min in the TUI. */
function tailSince(since: string | undefined, interactive: boolean): number {
	if (since === undefined) return interactive ? defaultTuiSinceMs : 0;
	// The same rules and sentences as bctail query's window (duration, at most 7 days).
	const window = resolveTimeWindow({ since }, Date.now());
	if (!window.ok) throw new UsageError(window.error);
	return window.window.endMs - window.window.startMs;
}

const noProjectSentence =
	"no project: name one (UUID or name), or set CATALYST_PROJECT_UUID, or projectUuid in .bigcommerce/project.json";

interface QueryFlagsInput {
	readonly flags: CommandFlags;
	readonly projects: readonly ResolvedProject[];
	readonly target: TailTarget;
	readonly format: LineFormat;
	readonly color: boolean;
	readonly stdout: NodeJS.WriteStream;
	readonly stderr: NodeJS.WriteStream;
}

/** `bctail query`: the window and filters from the flags, then `runQuery`. */
async function runQueryFlags(input: QueryFlagsInput): Promise<number> {
	const { flags } = input;
	const window = resolveTimeWindow({ since: flags.since, start: flags.start, end: flags.end }, Date.now());
	if (!window.ok) throw new UsageError(window.error);
	const onePage = flags.limit !== undefined || flags.after !== undefined || flags.before !== undefined;
	if (onePage && input.projects.length > 1 && (flags.after !== undefined || flags.before !== undefined))
		throw new UsageError("--after and --before belong to one project's pages: name one project");
	const filters = {
		method: flags.method,
		statusCode: flags.statusCode,
		urlLike: flags.urlLike,
		levelMin: flags.levelMin as HistoryLevel | undefined,
	};
	return runQuery({
		target: input.target,
		projects: input.projects,
		window: window.window,
		filters,
		format: input.format,
		color: input.color,
		page: onePage ? { limit: flags.limit, after: flags.after, before: flags.before } : undefined,
		stdout: input.stdout,
		stderr: input.stderr,
		progress: Boolean(input.stderr.isTTY),
		hintCommand: queryHint(window.window, flags, input.format),
	});
}

/** The command a next-page hint repeats, as catalyst builds it (window, filters, limit, format). */
function queryHint(window: QueryWindow, flags: CommandFlags, format: LineFormat): string {
	const words = [
		"bctail query",
		`--start ${quoteArg(window.start)}`,
		`--end ${quoteArg(window.end)}`,
		...(flags.method ? [`--method ${quoteArg(flags.method)}`] : []),
		...(flags.statusCode !== undefined ? [`--status-code ${flags.statusCode}`] : []),
		...(flags.urlLike ? [`--url-like ${quoteArg(flags.urlLike)}`] : []),
		...(flags.levelMin ? [`--level-min ${flags.levelMin}`] : []),
		...(flags.limit !== undefined ? [`--limit ${flags.limit}`] : []),
		...(format !== "default" ? [`--format ${format}`] : []),
	];
	return words.join(" ");
}
