// A tiny HTTP server on a unix socket that answers like a Docker daemon with the odd shapes real
// daemons send (`null` lists, empty bodies, missing fields), or never answers at all, so the real
// engine (dockerode, docker-modem and porthole's mappers) can be tested without a Docker.
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/**
 * An answer: a status and a body sent as it is, after `delayMs`; `open` sends the headers and the
 * body and keeps the response open (an idle stream); `hang` never answers at all.
 */
export type OddAnswer = {status?: number; body?: string; contentType?: string; delayMs?: number; open?: boolean} | 'hang';

/** Routes: "GET /containers/json" (path without the version prefix and query) → answer. */
export type OddRoutes = Record<string, OddAnswer | ((request: IncomingMessage) => OddAnswer)>;

/** A running odd daemon. */
export interface OddDaemon {
	/** `unix:///…/docker.sock`, for DOCKER_HOST or the engine's target. */
	url: string;
	routes: OddRoutes;
	/** Requests seen, as "METHOD /path". */
	seen: string[];
	close(): Promise<void>;
}

/** Start an odd daemon; unknown routes answer 404 with a daemon-style message. */
export async function startOddDaemon(routes: OddRoutes = {}): Promise<OddDaemon> {
	const dir = mkdtempSync(join(tmpdir(), 'porthole-odd-'));
	const path = join(dir, 'docker.sock');
	const seen: string[] = [];
	const hanging = new Set<ServerResponse>();
	const daemon: OddDaemon = {
		url: `unix://${path}`,
		routes,
		seen,
		async close() {
			for (const response of hanging) response.socket?.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			rmSync(dir, {recursive: true, force: true});
		},
	};
	const server: Server = createServer((request, response) => {
		const route = `${request.method} ${(request.url ?? '').replace(/\?.*$/, '').replace(/^\/v\d+\.\d+/, '')}`;
		seen.push(route);
		const entry = daemon.routes[route];
		const answer = typeof entry === 'function' ? entry(request) : (entry ?? {status: 404, body: '{"message":"page not found"}\n'});
		if (answer === 'hang') {
			hanging.add(response);
			return;
		}
		setTimeout(() => {
			response.writeHead(answer.status ?? 200, {'Content-Type': answer.contentType ?? 'application/json', 'Api-Version': '1.41'});
			if (!answer.open) return void response.end(answer.body ?? '');
			hanging.add(response);
			response.flushHeaders();
			if (answer.body) response.write(answer.body);
		}, answer.delayMs ?? 0);
	});
	await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));
	return daemon;
}
