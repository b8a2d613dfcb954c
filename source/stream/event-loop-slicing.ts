/**
 * Cooperative slicing, shared by every stream client of the process. When the network has delivered
 * a backlog (a busy tail, a slow frame, four streams at once), libuv hands over up to 32 reads per
 * socket in one poll phase and each chunk is parsed as soon as it is read: without a pause that is
 * 150 ms and more in which no timer, key or frame can run. So chunks count their synchronous cost here
 * (one clock read per chunk, not per event), and past a budget the clients wait for `setImmediate`, the
 * turn after the poll phase. The budget is shared because the loop is: one client pausing while
 * another goes on would not give the loop its turn, so a client that sees a turn pending joins it.
 */
export const slicing = { busyMs: 0, turn: null as Promise<void> | null };

/** The next turn of the event loop (one for all the clients waiting for it). */
export function nextTurn(): Promise<void> {
	slicing.turn ??= new Promise<void>((resolve) => {
		setImmediate(() => {
			slicing.turn = null;
			slicing.busyMs = 0;
			resolve();
		});
	});
	return slicing.turn;
}
