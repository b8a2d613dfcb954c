/**
 * A throwaway self-signed certificate for 127.0.0.1 and localhost, made with openssl, so clients
 * that insist on https (the official one does) can be measured over loopback. Clients trust it
 * through NODE_EXTRA_CA_CERTS; nothing is installed anywhere.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * @param {string} folder  where key.pem and cert.pem are written
 * @returns {{ key: string, cert: string, certFile: string }}
 */
export function makeCertificate(folder) {
	const keyFile = join(folder, "key.pem");
	const certFile = join(folder, "cert.pem");
	execFileSync(
		"openssl",
		[
			"req",
			"-x509",
			"-newkey",
			"rsa:2048",
			"-nodes",
			"-keyout",
			keyFile,
			"-out",
			certFile,
			"-days",
			"2",
			"-subj",
			"/CN=127.0.0.1",
			"-addext",
			"subjectAltName=IP:127.0.0.1,DNS:localhost",
		],
		{ stdio: "ignore", timeout: 30_000 },
	);
	return { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8"), certFile };
}
