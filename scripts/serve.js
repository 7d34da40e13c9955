// The server entry of `npm start`: the built app behind its front door (scripts/server.js) in one process, or with
// WEB_CONCURRENCY=N in N app processes sharing the port (node:cluster; the primary only accepts connections and
// hands them round-robin to the workers). docs/scale.md#more-than-one-app-process says what is shared and what not.
//
// Worker 1 starts first and alone: it migrates the database and runs the start-up tasks, and it is the one process
// with the background jobs (reminders and e-mail outbox, recording clean-up, left-over re-evaluation, the stored
// progress backfill: CALLCRAFT_BACKGROUND_JOBS=1). The others start once it listens, with the jobs off. A worker that
// dies is replaced with the same role, so the jobs run in exactly one live process.
import cluster from 'node:cluster';

// Each app process runs scripts/server.js: the built app (build/handler.js, or CALLCRAFT_BUILD_DIR) behind the front
// door that sheds load before SvelteKit (docs/load-shedding.md).
const entry = new URL('./server.js', import.meta.url).href;

function concurrency() {
	const raw = process.env.WEB_CONCURRENCY ?? '1';
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1 || n > 64) {
		console.error(`WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${raw}")`);
		process.exit(2);
	}
	return n;
}

const workers = cluster.isPrimary ? concurrency() : 1;
// Voice answers stream their audio in several requests, and without Redis a stream lives in the memory of the one
// process that opened it: the next chunk may reach the other process. Several processes need the shared streams
// (and speech limits) of REDIS_URL, or voice switched off.
if (workers > 1 && !process.env.REDIS_URL && process.env.SPEECH_DISABLED !== '1') {
	console.error(
		`WEB_CONCURRENCY=${workers} needs REDIS_URL (speech streams and limits shared by every app process, docs/deploy.md) or SPEECH_DISABLED=1; see docs/scale.md#more-than-one-app-process`
	);
	process.exit(2);
}

if (!cluster.isPrimary || workers === 1) {
	// adapter-node stops on SIGTERM/SIGINT by closing its server and letting the event loop run dry; a cluster
	// worker's channel to the primary would keep it alive, so it is closed once the app has shut down.
	if (cluster.isWorker) process.once('sveltekit:shutdown', () => process.disconnect());
	await import(entry);
} else {
	let stopping = false;
	/** Worker number (1…N) → its current process; number 1 holds the background jobs. */
	const byNumber = new Map();
	const restarts = new Map();

	function fork(number) {
		const worker = cluster.fork({ CALLCRAFT_WORKER: String(number), CALLCRAFT_BACKGROUND_JOBS: number === 1 ? '1' : '0' });
		byNumber.set(number, worker);
		worker.on('exit', (code, signal) => {
			if (byNumber.get(number) === worker) byNumber.delete(number);
			if (stopping) {
				if (byNumber.size === 0) process.exit(0);
				return;
			}
			// Back-off per worker number: 250 ms, doubling to 10 s while it keeps dying within a minute of starting.
			const last = restarts.get(number) ?? { delay: 0, at: 0 };
			const delay = Date.now() - last.at < 60_000 ? Math.min(10_000, Math.max(250, last.delay * 2)) : 250;
			restarts.set(number, { delay, at: Date.now() + delay });
			console.error(`app worker ${number} (pid ${worker.process.pid}) stopped (${signal ?? `exit code ${code}`}); restarting it in ${delay} ms`);
			setTimeout(() => !stopping && fork(number), delay);
		});
		return worker;
	}

	console.log(`Starting ${workers} app processes (WEB_CONCURRENCY=${workers}); background jobs in worker 1`);
	fork(1).once('listening', () => {
		for (let n = 2; n <= workers; n++) fork(n);
	});
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			stopping = true;
			if (byNumber.size === 0) process.exit(0);
			for (const w of byNumber.values()) w.process.kill(signal);
			// adapter-node drains open requests first; a worker still busy after 20 s is killed.
			setTimeout(() => {
				for (const w of byNumber.values()) w.process.kill('SIGKILL');
				process.exit(1);
			}, 20_000).unref();
		});
	}
}
