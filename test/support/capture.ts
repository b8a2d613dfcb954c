/** A writable stream that keeps what is written to it as text (stdout or stderr of a run in-process). */
import { Writable } from "node:stream";

export class Capture extends Writable {
	text = "";
	override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
		this.text += chunk.toString("utf8");
		callback();
	}
}
