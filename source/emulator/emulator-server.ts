/**
 * The emulator's node:http server: listens on a loopback address, tracks its sockets, and closes
 * hard (every connection dropped) so tests and `--demo` never wait on a client.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

export interface ListeningServer {
	readonly origin: string;
	readonly port: number;
	/** Stops listening and drops every connection; resolves once the server is closed. */
	close(): Promise<void>;
}

/** Listens with `handler` on `host:port` (0 = a free port); rejects when the port is in use. */
export async function listen(
	handler: (request: IncomingMessage, response: ServerResponse) => void,
	host: string,
	port: number,
): Promise<ListeningServer> {
	const server = createServer(handler);
	const sockets = new Set<Socket>();
	server.on("connection", (socket) => {
		sockets.add(socket);
		socket.on("close", () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(port, host, () => {
			server.off("error", reject);
			resolve();
		});
	});
	const address = server.address();
	if (address === null || typeof address === "string") throw new Error("the emulator has no TCP address");
	const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
	return {
		origin: `http://${bracketed}:${address.port}`,
		port: address.port,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
				for (const socket of sockets) socket.destroy();
			}),
	};
}
