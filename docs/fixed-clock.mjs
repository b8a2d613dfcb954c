// Preload (`node --import ./docs/fixed-clock.mjs`) that stops the wall clock at BCTAIL_FIXED_CLOCK (an
// ISO time): `Date.now()` and `new Date()` always answer that instant, so relative times and sparklines
// draw the same on every run. Timers are untouched (they run on the monotonic clock).
const fixed = Date.parse(process.env.BCTAIL_FIXED_CLOCK ?? "");
if (Number.isNaN(fixed)) throw new Error("fixed-clock.mjs needs BCTAIL_FIXED_CLOCK, an ISO time");

const RealDate = Date;
class FixedDate extends RealDate {
	constructor(...args) {
		if (args.length === 0) super(fixed);
		else super(...args);
	}

	static now() {
		return fixed;
	}
}
globalThis.Date = FixedDate;
