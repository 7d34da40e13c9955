// Markdown of untrusted content (lessons, course introductions, the editor's preview) is rendered in a small pool of
// worker threads, never on the request thread: a render that passes LIMITS.renderMs is stopped (its worker is
// terminated and replaced) and answered with a renderMs violation, so one pathological lesson cannot stall other
// requests. Jobs beyond the pool wait in a bounded queue; a full queue is answered at once. Results are cached by
// content hash (failures for a while, so a bad published lesson costs one budget, not one per view).
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { LIMITS, violation, type LimitViolation } from './limits';
import type { RenderedMarkdown } from './markdown';

const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism() - 1));
const CACHE_CHARS = 20_000_000;
const FAILURE_TTL_MS = 10 * 60_000;

type Job = { id: number; source: string; key: string; resolve: (r: RenderedMarkdown) => void };
type Slot = { worker: Worker; ready: boolean; job: Job | null; timer: NodeJS.Timeout | null };

const slots: Slot[] = [];
const queue: Job[] = [];
let nextId = 1;

const cache = new Map<string, { result: RenderedMarkdown; chars: number; until: number }>();
let cachedChars = 0;

function refused(error: LimitViolation): RenderedMarkdown {
	return { segments: [], headings: [], error };
}

function remember(key: string, result: RenderedMarkdown) {
	const chars = result.segments.reduce((n, s) => n + (s.kind === 'html' ? s.html.length : 8), 0) + 64;
	if (chars > CACHE_CHARS / 4) return;
	const old = cache.get(key);
	if (old) cachedChars -= old.chars;
	cache.delete(key);
	cache.set(key, { result, chars, until: result.error ? Date.now() + FAILURE_TTL_MS : Infinity });
	cachedChars += chars;
	for (const [k, v] of cache) {
		if (cachedChars <= CACHE_CHARS) break;
		cache.delete(k);
		cachedChars -= v.chars;
	}
}

/** render-worker.ts's own URL: a hashed chunk of the server build, or the TypeScript file in development and tests. */
let workerModule: { url: string; data: object } | null = null;
const loadingWorkerModule = import('./render-worker').then((m) => {
	workerModule = { url: m.WORKER_MODULE_URL, data: m.WORKER_DATA };
});

function startWorker(): Worker {
	const { url, data } = workerModule!;
	const options: WorkerOptions = { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 256 } };
	if (!url.endsWith('.ts')) return new Worker(new URL(url), options);
	// Development and tests: the TypeScript source runs under tsx, whose loader is registered inside the worker
	// (execArgv --import does not reach a worker's entry module on Node 20).
	const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); }).catch((e) => { console.error(e); process.exit(1); });`;
	return new Worker(boot, { ...options, eval: true });
}

function spawn(): Slot {
	const worker = startWorker();
	worker.unref();
	const slot: Slot = { worker, ready: false, job: null, timer: null };
	worker.on('message', (msg: { ready?: true; id?: number; result?: RenderedMarkdown }) => {
		if (msg.ready) {
			slot.ready = true;
			pump();
			return;
		}
		const job = slot.job;
		if (!job || msg.id !== job.id || !msg.result) return;
		finish(slot, msg.result);
	});
	const lost = () => {
		const i = slots.indexOf(slot);
		if (i >= 0) slots.splice(i, 1);
		if (slot.job) finish(slot, refused(violation('renderMs', 1, { reason: 'stopped' })), false);
		pump();
	};
	worker.on('error', lost);
	worker.on('exit', lost);
	slots.push(slot);
	return slot;
}

function finish(slot: Slot, result: RenderedMarkdown, free = true) {
	const job = slot.job;
	if (slot.timer) clearTimeout(slot.timer);
	slot.job = null;
	slot.timer = null;
	if (job) {
		remember(job.key, result);
		job.resolve(result);
	}
	if (free) pump();
}

function pump() {
	if (!workerModule) {
		void loadingWorkerModule.then(pump);
		return;
	}
	while (slots.length < POOL_SIZE) spawn();
	for (const slot of slots) {
		if (!slot.ready || slot.job) continue;
		const job = queue.shift();
		if (!job) return;
		slot.job = job;
		slot.timer = setTimeout(() => {
			// Over budget: stop the render where it is. The worker is replaced; the job gets the renderMs violation.
			const i = slots.indexOf(slot);
			if (i >= 0) slots.splice(i, 1);
			slot.worker.removeAllListeners('exit');
			slot.worker.removeAllListeners('error');
			slot.worker.on('error', () => {});
			void slot.worker.terminate();
			finish(slot, refused(violation('renderMs', 1, { reason: 'timeout' })));
		}, LIMITS.renderMs);
		slot.worker.postMessage({ id: job.id, source: job.source });
	}
}

/** Renders untrusted Markdown in the worker pool; never throws, never blocks the caller's thread for the render. */
export function renderUntrusted(source: string): Promise<RenderedMarkdown> {
	const key = createHash('sha256').update(source).digest('base64');
	const hit = cache.get(key);
	if (hit && hit.until > Date.now()) {
		cache.delete(key);
		cache.set(key, hit);
		return Promise.resolve(hit.result);
	}
	if (queue.length >= LIMITS.renderQueue) {
		return Promise.resolve(refused(violation('renderQueue', 1)));
	}
	return new Promise((resolve) => {
		queue.push({ id: nextId++, source, key, resolve });
		pump();
	});
}

/** The document as one HTML string, quiz slots as a neutral note; `error` when it cannot be shown. */
export async function renderUntrustedHtml(source: string): Promise<{ html: string; error?: LimitViolation }> {
	const rendered = await renderUntrusted(source);
	return {
		html: rendered.segments.map((s) => (s.kind === 'html' ? s.html : '<p><em>[Quiz]</em></p>')).join('\n'),
		...(rendered.error ? { error: rendered.error } : {})
	};
}

/**
 * Stops the render workers (the app's shutdown): an unref'd worker that has rendered still held a ref'd message port
 * in the built server, so a SIGTERM'd server that had rendered anything never exited. A later render starts new ones.
 */
export async function stopRenderPool(): Promise<void> {
	const stopping = slots.splice(0);
	for (const slot of stopping) {
		if (slot.timer) clearTimeout(slot.timer);
		slot.worker.removeAllListeners('exit');
		slot.worker.removeAllListeners('error');
		slot.worker.on('error', () => {});
		if (slot.job) slot.job.resolve(refused(violation('renderMs', 1, { reason: 'shutdown' })));
	}
	await Promise.all(stopping.map((slot) => slot.worker.terminate()));
}

/** For tests and benchmarks: jobs running or waiting, and workers alive. */
export function renderPoolStats() {
	return { workers: slots.length, busy: slots.filter((s) => s.job).length, queued: queue.length, cached: cache.size };
}
