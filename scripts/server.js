// The production server (`npm start` runs it): the built app (CALLCRAFT_BUILD_DIR or build/, adapter-node's
// handler) behind a front door that sheds load before SvelteKit sees the request (docs/load-shedding.md).
// adapter-node's own build/index.js still works; this entry adds, over it:
// - the front door (src/lib/server/front-door.js): while the event loop runs late or the app holds its limit of
//   requests, a request is answered from Node's request event with a ready-made 503 + Retry-After;
// - readiness: it listens only once warm. Importing the handler runs the app's init, which loads every route's
//   modules and starts the render workers (src/lib/server/warm-up.ts); then a few requests go through the app on a
//   private loopback port (Kit's and the renderer's first-request work), so that no request is accepted cold;
// - a longer listen queue (LISTEN_BACKLOG, default 4096, the kernel caps it at net.core.somaxconn): Node's 511 fills
//   in a burst of new connections, and the kernel then drops their SYNs, which clients only resend after 1, 3, 7 s.
// Settings as for build/index.js: HOST, PORT, ORIGIN, KEEP_ALIVE_TIMEOUT, HEADERS_TIMEOUT, SHUTDOWN_TIMEOUT (no
// SOCKET_PATH or socket activation: use build/index.js for those).
import http from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FrontDoor, LagMonitor, intFromEnv, shedSettingsFromEnv, staticFilePaths } from '../src/lib/server/front-door.js';

const settings = shedSettingsFromEnv();
const backlog = intFromEnv('LISTEN_BACKLOG', 4096, 1);
const host = process.env.HOST || '0.0.0.0';
const port = intFromEnv('PORT', 3000, 0);
const shutdownTimeoutS = intFromEnv('SHUTDOWN_TIMEOUT', 30, 0);

// Importing the handler starts the app (SvelteKit's init: migrations, demo data) before the port opens.
const buildDir = resolve(process.env.CALLCRAFT_BUILD_DIR || 'build');
const { handler } = await import(pathToFileURL(resolve(buildDir, 'handler.js')).href);

/**
 * Pages every visitor can open, requested a few times through the app on a private loopback port before the real
 * port opens: the first requests of a process ran ~0.5 s each on a quiet box (Kit's request path, the layout, the
 * first SQL of a session lookup, the JIT), while requests behind them waited. Bounded to WARM_UP_MS in all.
 */
const WARM_PATHS = ['/login', '/', '/healthz', '/verify/WARM-UP', '/no-such-page'];
const warmUpMs = intFromEnv('WARM_UP_MS', 5000, 0);

/** @param {(req: http.IncomingMessage, res: http.ServerResponse) => void} app */
async function warmRequests(app) {
	const t0 = performance.now();
	const warm = http.createServer(app);
	// exclusive: in a cluster worker (WEB_CONCURRENCY > 1) the private port is this process's own, not shared via the primary.
	await new Promise((done) => warm.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => done(undefined)));
	const address = warm.address();
	const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	let sent = 0;
	let served = 0;
	try {
		for (let round = 0; round < 3; round++) {
			for (const path of WARM_PATHS) {
				const left = warmUpMs - (performance.now() - t0);
				if (left <= 0) return sent;
				const res = await fetch(base + path, { redirect: 'manual', headers: { accept: 'text/html' }, signal: AbortSignal.timeout(Math.ceil(left)) }).catch(() => null);
				await res?.arrayBuffer().catch(() => undefined);
				sent++;
				if (res && res.status !== 503) served++;
			}
		}
		return sent;
	} finally {
		warm.closeAllConnections();
		await new Promise((done) => warm.close(() => done(undefined)));
		console.log(`warm: ${sent} requests through the app (${served} not shed) in ${Math.round(performance.now() - t0)} ms`);
	}
}
// A warm-up that fails only costs the warmth: the server still starts.
if (warmUpMs > 0) await warmRequests(handler).catch((e) => console.error('warm-up requests failed:', e));

const lag = new LagMonitor();
if (settings.lagMs > 0) lag.start();
// The build's own files (styles, scripts, fonts) are never shed: a page admitted without them is broken.
const door = new FrontDoor(settings, lag, staticFilePaths(resolve(buildDir, 'client')));
const server = http.createServer(door.listener(handler));
for (const [name, prop] of /** @type {const} */ ([['KEEP_ALIVE_TIMEOUT', 'keepAliveTimeout'], ['HEADERS_TIMEOUT', 'headersTimeout']])) {
	if (process.env[name]) server[prop] = intFromEnv(name, 0, 0) * 1000;
}

server.listen({ host, port, backlog }, () => {
	const address = server.address();
	console.log(`Listening on http://${host}:${typeof address === 'object' && address ? address.port : port}`);
});

// Graceful shutdown as in adapter-node: stop accepting, let open requests finish (at most SHUTDOWN_TIMEOUT s), then
// tell the app (hooks.server.ts closes the database on 'sveltekit:shutdown').
let shuttingDown = false;
function shutdown(/** @type {string} */ reason) {
	if (shuttingDown) return;
	shuttingDown = true;
	server.closeIdleConnections();
	server.on('request', (_req, res) => res.once('close', () => server.closeIdleConnections()));
	const force = setTimeout(() => server.closeAllConnections(), shutdownTimeoutS * 1000);
	server.close(() => {
		clearTimeout(force);
		lag.stop();
		process.emit(/** @type {'exit'} */ ('sveltekit:shutdown'), /** @type {never} */ (reason));
	});
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
