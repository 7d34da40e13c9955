// Preloaded into the server by bench:soak (node --import): every second, appends how late the server's event loop
// ran at most in that second (ms) to SOAK_LOOP_LOG, so the soak can tell a blocked server loop from time spent
// elsewhere (the client, the kernel's queues). Bench-only: not part of the app.
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.SOAK_LOOP_LOG;
if (file) {
	const h = monitorEventLoopDelay({ resolution: 10 });
	h.enable();
	setInterval(() => {
		appendFileSync(file, `${Date.now()} ${Math.round(h.max / 1e6)}\n`);
		h.reset();
	}, 1000).unref();
}

// With SOAK_REQ_LOG as well: for every request the soak tagged (x-soak-id), when its connection was accepted, when the
// server's request event fired and when the answer was finished, as wall-clock ms with fractions
// (performance.timeOrigin + performance.now(), comparable across processes): "id acceptedAt startedAt finishedAt
// reused" lines (reused 1: the connection had served a request before). The soak joins them with its own send times to
// tell time spent before accept (the kernel's accept queue), between accept and the request event (socket buffers, a
// busy loop) and in the app.
const reqFile = process.env.SOAK_REQ_LOG;
if (reqFile) {
	const { subscribe } = await import('node:diagnostics_channel');
	const now = () => performance.timeOrigin + performance.now();
	const acceptedAt = new WeakMap();
	const served = new WeakSet();
	let lines = [];
	subscribe('net.server.socket', ({ socket }) => acceptedAt.set(socket, now()));
	subscribe('http.server.request.start', ({ request, response, socket }) => {
		const id = request.headers['x-soak-id'];
		if (!id) return;
		const started = now();
		const reused = served.has(socket) ? 1 : 0;
		served.add(socket);
		const accepted = acceptedAt.get(socket) ?? 0;
		response.once('finish', () => lines.push(`${id} ${accepted.toFixed(1)} ${started.toFixed(1)} ${now().toFixed(1)} ${reused}`));
	});
	setInterval(() => {
		if (lines.length === 0) return;
		appendFileSync(reqFile, lines.join('\n') + '\n');
		lines = [];
	}, 1000).unref();
}
