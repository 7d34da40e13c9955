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
