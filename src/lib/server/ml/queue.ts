// A bounded job queue that runs one inference at a time per model. A full queue refuses new work at
// once (the API answers 503 with Retry-After) instead of letting latency grow without limit.

export class QueueFullError extends Error {
	constructor(readonly retryAfterSec: number) {
		super('The speech service is busy; try again shortly.');
	}
}

export class JobTimeoutError extends Error {
	constructor(readonly timeoutMs: number) {
		super(`The speech job did not finish within ${Math.round(timeoutMs / 1000)} s.`);
	}
}

interface Job<T> {
	run: () => Promise<T>;
	resolve: (v: T) => void;
	reject: (e: unknown) => void;
	timer: ReturnType<typeof setTimeout>;
	settled: boolean;
	high: boolean;
}

export class InferenceQueue {
	private waiting: Job<unknown>[] = [];
	private busy = false;
	/** Moving average of job run times, used for Retry-After. */
	private avgRunMs = 1000;

	constructor(
		readonly name: string,
		/** Jobs allowed to wait behind the running one. */
		readonly maxWaiting: number,
		readonly timeoutMs: number
	) {}

	get depth(): number {
		return this.waiting.length + (this.busy ? 1 : 0);
	}

	/**
	 * Run `run` when it is this job's turn. Rejects with QueueFullError when maxWaiting jobs already
	 * wait, and with JobTimeoutError when the job has not finished timeoutMs after it was queued.
	 * A job that times out while running keeps the model busy until it really ends (ONNX runs
	 * cannot be interrupted), so the next job never runs concurrently with it.
	 * High-priority jobs (a final transcript the trainee is waiting for) go before normal ones.
	 */
	push<T>(run: () => Promise<T>, priority: 'normal' | 'high' = 'normal'): Promise<T> {
		if (this.waiting.length >= this.maxWaiting && this.busy) {
			return Promise.reject(new QueueFullError(Math.max(1, Math.ceil((this.avgRunMs * this.depth) / 1000))));
		}
		return new Promise<T>((resolve, reject) => {
			const job: Job<T> = { run, resolve, reject, settled: false, high: priority === 'high', timer: setTimeout(() => this.expire(job as Job<unknown>), this.timeoutMs) };
			const at = priority === 'high' ? this.waiting.findIndex((j) => !j.high) : -1;
			if (at >= 0) this.waiting.splice(at, 0, job as Job<unknown>);
			else this.waiting.push(job as Job<unknown>);
			this.next();
		});
	}

	private expire(job: Job<unknown>) {
		if (job.settled) return;
		job.settled = true;
		const i = this.waiting.indexOf(job);
		if (i >= 0) this.waiting.splice(i, 1);
		job.reject(new JobTimeoutError(this.timeoutMs));
	}

	private next() {
		if (this.busy) return;
		const job = this.waiting.shift();
		if (!job) return;
		this.busy = true;
		const started = performance.now();
		job
			.run()
			.then(
				(v) => {
					if (!job.settled) job.resolve(v);
				},
				(e) => {
					if (!job.settled) job.reject(e);
				}
			)
			.finally(() => {
				job.settled = true;
				clearTimeout(job.timer);
				this.avgRunMs = 0.7 * this.avgRunMs + 0.3 * (performance.now() - started);
				this.busy = false;
				this.next();
			});
	}
}
