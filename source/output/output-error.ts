/**
 * The sentence for standard output failing with something other than a closed pipe: a full disk
 * (`> /dev/full`), an I/O error, a file that went read-only. Said plainly and with the code, because
 * the user's data did not arrive where they sent it.
 */

const plainWords: Readonly<Record<string, string>> = {
	ENOSPC: "no space left on the device",
	EIO: "an input/output error",
	EDQUOT: "the disk quota is exceeded",
	EFBIG: "the file is too large",
	EROFS: "the file system is read-only",
	EBADF: "it is not open for writing",
	EACCES: "permission denied",
	EPERM: "operation not permitted",
	ENOENT: "the folder does not exist",
	ENOTDIR: "a part of the path is not a folder",
};

/**
 * `bctail: cannot write to standard output: no space left on the device (ENOSPC); output stopped`.
 * @param error the stream's error
 * @param what the output's name (default "standard output")
 */
export function describeOutputError(error: Error, what = "standard output"): string {
	return `bctail: cannot write to ${what}: ${writeFailure(error)}; output stopped`;
}

/** Why a write failed, in words and with the code: `no space left on the device (ENOSPC)`. */
export function writeFailure(error: Error): string {
	const code = (error as NodeJS.ErrnoException).code;
	const words = code === undefined ? undefined : plainWords[code];
	return words !== undefined
		? `${words} (${code})`
		: `${error.message.replace(/\s+/g, " ")}${code === undefined || error.message.includes(code) ? "" : ` (${code})`}`;
}
