// A small PNG decoder (8-bit greyscale, RGB or RGBA, not interlaced: what Chromium's screenshots are),
// so screenshots can be compared pixel by pixel without a dependency.
import { inflateSync } from "node:zlib";

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const channelsOf = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a, b, c) {
	const p = a + b - c;
	const pa = Math.abs(p - a);
	const pb = Math.abs(p - b);
	const pc = Math.abs(p - c);
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes the per-row filters of the inflated image data in place; returns the unfiltered rows. */
function unfilter(data, width, height, bpp) {
	const stride = width * bpp;
	const out = Buffer.alloc(stride * height);
	for (let y = 0; y < height; y++) {
		const filter = data[y * (stride + 1)];
		const row = data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
		const at = y * stride;
		for (let x = 0; x < stride; x++) {
			const left = x >= bpp ? out[at + x - bpp] : 0;
			const up = y > 0 ? out[at + x - stride] : 0;
			const upLeft = y > 0 && x >= bpp ? out[at + x - stride - bpp] : 0;
			const predictor =
				filter === 0
					? 0
					: filter === 1
						? left
						: filter === 2
							? up
							: filter === 3
								? (left + up) >> 1
								: paeth(left, up, upLeft);
			if (filter > 4) throw new Error(`PNG: unknown filter ${filter} on row ${y}`);
			out[at + x] = (row[x] + predictor) & 0xff;
		}
	}
	return out;
}

/** Decodes `buffer` to { width, height, rgba } (4 bytes a pixel). */
export function decodePng(buffer) {
	if (!buffer.subarray(0, 8).equals(signature)) throw new Error("not a PNG file");
	let offset = 8;
	let header;
	const idat = [];
	while (offset < buffer.length) {
		const length = buffer.readUInt32BE(offset);
		const type = buffer.toString("latin1", offset + 4, offset + 8);
		const body = buffer.subarray(offset + 8, offset + 8 + length);
		if (type === "IHDR") {
			header = {
				width: body.readUInt32BE(0),
				height: body.readUInt32BE(4),
				depth: body[8],
				colour: body[9],
				interlace: body[12],
			};
		} else if (type === "IDAT") idat.push(body);
		else if (type === "IEND") break;
		offset += 12 + length;
	}
	if (!header) throw new Error("PNG: no IHDR");
	const channels = channelsOf[header.colour];
	if (header.depth !== 8 || channels === undefined || header.interlace !== 0) {
		throw new Error(
			`PNG: only 8-bit, non-interlaced, grey/RGB/RGBA (got depth ${header.depth}, colour ${header.colour})`,
		);
	}
	const { width, height } = header;
	const pixels = unfilter(inflateSync(Buffer.concat(idat)), width, height, channels);
	const rgba = Buffer.alloc(width * height * 4);
	for (let i = 0; i < width * height; i++) {
		const p = i * channels;
		const grey = channels <= 2;
		rgba[i * 4] = pixels[p];
		rgba[i * 4 + 1] = grey ? pixels[p] : pixels[p + 1];
		rgba[i * 4 + 2] = grey ? pixels[p] : pixels[p + 2];
		rgba[i * 4 + 3] = channels === 4 ? pixels[p + 3] : channels === 2 ? pixels[p + 1] : 255;
	}
	return { width, height, rgba };
}
