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
	owner: string | number | undefined;
}

export class InferenceQueue {
	private waiting: Job<unknown>[] = [];
	private busy = false;
	/** Owner of the running job: having a job running counts as having had a turn. */
	private runningOwner: string | number | undefined;
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
	 * High-priority jobs (a final transcript the trainee is waiting for) go before normal ones. Within a priority,
	 * jobs of different owners take turns (round robin): an owner's n-th waiting job goes after every other owner's
	 * n-th, so one trainee's backlog never holds up another trainee's answer by more than a job at a time.
	 */
	push<T>(run: () => Promise<T>, priority: 'normal' | 'high' = 'normal', owner?: string | number): Promise<T> {
		if (this.waiting.length >= this.maxWaiting && this.busy) {
			return Promise.reject(new QueueFullError(Math.max(1, Math.ceil((this.avgRunMs * this.depth) / 1000))));
		}
		return new Promise<T>((resolve, reject) => {
			const job: Job<T> = { run, resolve, reject, settled: false, high: priority === 'high', owner, timer: setTimeout(() => this.expire(job as Job<unknown>), this.timeoutMs) };
			const at = this.insertionPoint(job as Job<unknown>);
			if (at >= 0) this.waiting.splice(at, 0, job as Job<unknown>);
			else this.waiting.push(job as Job<unknown>);
			this.next();
		});
	}

	/** Where a new job goes: before the first job of a lower priority, or of its priority in a later round. */
	private insertionPoint(job: Job<unknown>): number {
		const rounds = new Map<string | number | undefined, number>();
		if (this.busy && this.runningOwner !== undefined) rounds.set(this.runningOwner, 1);
		const mine =
			job.owner === undefined
				? Infinity
				: this.waiting.filter((j) => j.high === job.high && j.owner === job.owner).length + (this.busy && this.runningOwner === job.owner ? 1 : 0);
		return this.waiting.findIndex((j) => {
			if (job.high && !j.high) return true;
			if (j.high !== job.high) return false;
			if (j.owner === undefined || mine === Infinity) return false;
			const round = rounds.get(j.owner) ?? 0;
			rounds.set(j.owner, round + 1);
			return round > mine;
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
		this.runningOwner = job.owner;
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
