import { describe, expect, it } from 'vitest';
import { InferenceQueue, JobTimeoutError, QueueFullError } from './queue';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('InferenceQueue', () => {
	it('runs one job at a time, in order', async () => {
		const q = new InferenceQueue('t', 5, 1000);
		let running = 0;
		let maxRunning = 0;
		const order: number[] = [];
		const job = (n: number) => async () => {
			running++;
			maxRunning = Math.max(maxRunning, running);
			await sleep(10);
			order.push(n);
			running--;
			return n;
		};
		const results = await Promise.all([1, 2, 3, 4].map((n) => q.push(job(n))));
		expect(results).toEqual([1, 2, 3, 4]);
		expect(order).toEqual([1, 2, 3, 4]);
		expect(maxRunning).toBe(1);
	});

	it('refuses work when the queue is full, with a Retry-After estimate', async () => {
		const q = new InferenceQueue('t', 1, 1000);
		const a = q.push(() => sleep(30));
		const b = q.push(() => sleep(30));
		const c = q.push(() => sleep(30));
		await expect(c).rejects.toBeInstanceOf(QueueFullError);
		await expect(c).rejects.toHaveProperty('retryAfterSec', expect.any(Number));
		await Promise.all([a, b]);
		await expect(q.push(async () => 'ok')).resolves.toBe('ok');
	});

	it('times out a slow job but keeps the next job from running beside it', async () => {
		// The slow job ends 100 ms after its 200 ms deadline; the next job, queued at that deadline, waits for it and
		// still has 100 ms left when it runs: margins a loaded machine's late timers do not eat (40 / 80 ms did).
		const q = new InferenceQueue('t', 2, 200);
		let slowDone = false;
		const slow = q.push(async () => {
			await sleep(300);
			slowDone = true;
		});
		await expect(slow).rejects.toBeInstanceOf(JobTimeoutError);
		const next = await q.push(async () => slowDone);
		expect(next).toBe(true);
	});

	it('lets a high-priority job overtake waiting normal jobs', async () => {
		const q = new InferenceQueue('t', 5, 1000);
		const order: string[] = [];
		const job = (name: string) => async () => {
			await sleep(5);
			order.push(name);
		};
		await Promise.all([q.push(job('running')), q.push(job('partial-1')), q.push(job('partial-2')), q.push(job('final'), 'high')]);
		expect(order).toEqual(['running', 'final', 'partial-1', 'partial-2']);
	});

	it('lets trainees take turns: one owner’s backlog waits behind another owner’s single job', async () => {
		const q = new InferenceQueue('t', 10, 1000);
		const order: string[] = [];
		const job = (name: string) => async () => {
			await sleep(5);
			order.push(name);
		};
		await Promise.all([
			q.push(job('a1'), 'high', 'a'),
			q.push(job('a2'), 'high', 'a'),
			q.push(job('a3'), 'high', 'a'),
			q.push(job('a4'), 'high', 'a'),
			q.push(job('b1'), 'high', 'b'),
			q.push(job('b2'), 'high', 'b'),
			q.push(job('c1'), 'high', 'c'),
			q.push(job('partial-a'), 'normal', 'a'),
			q.push(job('partial-b'), 'normal', 'b'),
			q.push(job('anonymous'), 'high')
		]);
		// a1 was already running (a's turn); then one job per owner per round, finals before partial passes
		expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4', 'anonymous', 'partial-b', 'partial-a']);
	});
});
