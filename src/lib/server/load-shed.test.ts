import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConcurrencyGate, LagMonitor, isNeverShed, shedSettingsFromEnv } from './load-shed';

afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllEnvs();
});

describe('ConcurrencyGate', () => {
	it('admits up to the limit at once, then queues; a full queue refuses its oldest waiter for the newcomer', async () => {
		const gate = new ConcurrencyGate({ limit: 2, queue: 1, waitMs: 1000 });
		expect(gate.acquire()).toBe(true);
		expect(gate.acquire()).toBe(true);
		const oldest = gate.acquire();
		expect(oldest).toBeInstanceOf(Promise);
		const waiting = gate.acquire();
		expect(waiting).toBeInstanceOf(Promise);
		await expect(oldest).resolves.toBe(false);
		expect(gate.shed).toBe(1);
		expect(gate.queued).toBe(1);
		gate.release();
		await expect(waiting).resolves.toBe(true);
		expect(gate.inFlight).toBe(2);
		gate.release();
		gate.release();
		expect(gate.inFlight).toBe(0);
	});

	it('gives up on a waiter after waitMs and does not hand it a slot later', async () => {
		vi.useFakeTimers();
		const gate = new ConcurrencyGate({ limit: 1, queue: 5, waitMs: 200 });
		expect(gate.acquire()).toBe(true);
		const waiting = gate.acquire() as Promise<boolean>;
		vi.advanceTimersByTime(199);
		expect(gate.queued).toBe(1);
		vi.advanceTimersByTime(1);
		await expect(waiting).resolves.toBe(false);
		expect(gate.queued).toBe(0);
		gate.release();
		expect(gate.inFlight).toBe(0);
		expect(gate.shed).toBe(1);
	});

	it('serves the newest waiter first (LIFO): the ones that waited longest are the ones refused', async () => {
		const gate = new ConcurrencyGate({ limit: 1, queue: 3, waitMs: 1000 });
		gate.acquire();
		const order: number[] = [];
		const all = [1, 2, 3].map((n) => (gate.acquire() as Promise<boolean>).then(() => order.push(n)));
		for (let i = 0; i < 3; i++) {
			gate.release();
			await Promise.resolve();
		}
		await Promise.all(all);
		expect(order).toEqual([3, 2, 1]);
	});

	it('sheds at once when the queue is off', () => {
		const gate = new ConcurrencyGate({ limit: 1, queue: 0, waitMs: 1000 });
		gate.acquire();
		expect(gate.acquire()).toBe(false);
	});

	it('refuses waiters that already waited past waitMs instead of serving them late', async () => {
		let t = 0;
		const gate = new ConcurrencyGate({ limit: 1, queue: 5, waitMs: 200 }, () => t);
		expect(gate.acquire()).toBe(true);
		const older = gate.acquire() as Promise<boolean>;
		t = 50;
		const newer = gate.acquire() as Promise<boolean>;
		// The loop was blocked: both have waited past 200 ms, but neither timer has run yet.
		t = 300;
		gate.release();
		expect(await newer).toBe(false);
		expect(await older).toBe(false);
		expect(gate.shed).toBe(2);
		expect(gate.inFlight).toBe(0);
		expect(gate.queued).toBe(0);
		// A fresh request gets the freed slot at once.
		expect(gate.acquire()).toBe(true);
	});

	it('refuses a request that waited past waitMs before it reached the gate (since the front door), even with a slot free', () => {
		let t = 1000;
		const gate = new ConcurrencyGate({ limit: 4, queue: 4, waitMs: 250 }, () => t);
		// Admitted by the front door at 700 and 760; the app got to them at 1000 (the event loop was busy).
		expect(gate.refuseLate(760)).toBe(false);
		expect(gate.refuseLate(700)).toBe(true);
		expect(gate.acquire(700)).toBe(false);
		expect(gate.acquire(760)).toBe(true);
		expect([gate.shed, gate.late, gate.inFlight]).toEqual([2, 2, 1]);
		// With the wait bound off (0), nothing is refused for its age.
		expect(new ConcurrencyGate({ limit: 1, queue: 0, waitMs: 0 }, () => t).acquire(0)).toBe(true);
		// The app's hook asks refuseLate itself, then acquires: time moving on between the two calls must not refuse
		// the request as "queue" (a full gate) when it was only just in time, and a slot is free.
		expect(gate.refuseLate(750)).toBe(false);
		t = 1001;
		expect(gate.acquire(750, true)).toBe(true);
	});

	it('counts a waiter\'s time from its arrival: one that arrived 200 ms ago waits at most 50 ms more', async () => {
		vi.useFakeTimers();
		let t = 1000;
		const gate = new ConcurrencyGate({ limit: 1, queue: 2, waitMs: 250 }, () => t);
		expect(gate.acquire()).toBe(true);
		const waiting = gate.acquire(800) as Promise<boolean>;
		vi.advanceTimersByTime(49);
		expect(gate.queued).toBe(1);
		t += 50;
		vi.advanceTimersByTime(1);
		await expect(waiting).resolves.toBe(false);
		expect(gate.queued).toBe(0);
	});
});

describe('shed settings', () => {
	it('has defaults (16 at once, 16 waiting for at most 250 ms) and reads the environment', () => {
		expect(shedSettingsFromEnv()).toEqual({ limit: 16, queue: 16, waitMs: 250, retryAfterS: 1, lagMs: 100, oneRequestPerTurn: true });
		vi.stubEnv('SHED_CONCURRENCY', '4');
		vi.stubEnv('SHED_QUEUE', '0');
		vi.stubEnv('SHED_QUEUE_MS', '250');
		vi.stubEnv('SHED_RETRY_AFTER', '3');
		vi.stubEnv('SHED_LAG_MS', '0');
		expect(shedSettingsFromEnv()).toEqual({ limit: 4, queue: 0, waitMs: 250, retryAfterS: 3, lagMs: 0, oneRequestPerTurn: true });
	});

	it('refuses a setting that is no whole number, naming it', () => {
		vi.stubEnv('SHED_CONCURRENCY', '0');
		expect(() => shedSettingsFromEnv()).toThrow(/SHED_CONCURRENCY/);
		vi.stubEnv('SHED_CONCURRENCY', '2');
		vi.stubEnv('SHED_QUEUE', 'lots');
		expect(() => shedSettingsFromEnv()).toThrow(/SHED_QUEUE/);
	});
});

describe('never shed', () => {
	it('keeps health, sign-out and speech out of the gate, and nothing else', () => {
		expect(['/healthz', '/logout', '/api/speech/streams', '/api/speech/status'].every(isNeverShed)).toBe(true);
		expect(['/', '/login', '/api/calls', '/api/speechless', '/healthz/x', '/trainer/courses'].some(isNeverShed)).toBe(false);
	});
});

describe('LagMonitor', () => {
	it('reports how late each tick ran, and recovers once ticks are on time again', () => {
		let t = 0;
		const monitor = new LagMonitor(50, () => t);
		monitor.start();
		t = 50;
		monitor.sample();
		expect(monitor.lagMs).toBe(0);
		t = 450; // a 350 ms stall: rendering a backlog
		monitor.sample();
		expect(monitor.lagMs).toBe(350);
		t = 502;
		monitor.sample();
		expect(monitor.lagMs).toBe(2);
		// A long turn of the loop in progress counts before its tick: 400 ms without one is 350 ms of lag.
		t = 902;
		expect(monitor.currentLagMs()).toBe(350);
		monitor.stop();
	});

	it('does not count one slow turn (a large export) against the next request; two late ticks in a row do count', () => {
		let t = 0;
		const monitor = new LagMonitor(50, () => t);
		monitor.start();
		t = 50;
		monitor.sample();
		t = 300; // one request ran 200 ms on the loop, then the tick fires before the next request is read
		monitor.sample();
		expect(monitor.lagMs).toBe(200);
		t = 301;
		expect(monitor.currentLagMs()).toBe(100); // counted at half: not above the default SHED_LAG_MS of 100
		t = 520; // the loop is saturated: the next tick is late again
		monitor.sample();
		t = 521;
		expect(monitor.currentLagMs()).toBe(170);
		monitor.stop();
	});
});
