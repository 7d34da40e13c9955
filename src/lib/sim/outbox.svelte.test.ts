import { describe, expect, it } from 'vitest';
import { Outbox, postJson, type DeliveryOutcome, type OutboxItem } from './outbox.svelte';

/** A hand-driven clock: timers fire only when the test advances time. */
function manualTimers() {
	let now = 1_000;
	let timers: Array<{ at: number; fn: () => void; id: number }> = [];
	let nextId = 1;
	return {
		now: () => now,
		setTimer: (fn: () => void, ms: number) => {
			const id = nextId++;
			timers.push({ at: now + ms, fn, id });
			return id;
		},
		clearTimer: (id: unknown) => {
			timers = timers.filter((t) => t.id !== id);
		},
		advance(ms: number) {
			now += ms;
			const due = timers.filter((t) => t.at <= now);
			timers = timers.filter((t) => t.at > now);
			for (const t of due) t.fn();
		},
		get scheduled() {
			return timers.map((t) => t.at - now);
		}
	};
}

class MemoryStorage {
	data = new Map<string, string>();
	getItem(k: string) {
		return this.data.get(k) ?? null;
	}
	setItem(k: string, v: string) {
		this.data.set(k, v);
	}
	removeItem(k: string) {
		this.data.delete(k);
	}
}

/** A server stub whose answers the test scripts one by one, recording what it was sent. */
function scriptedServer<R>(answers: Array<DeliveryOutcome<R> | Error>) {
	const received: OutboxItem<string>[] = [];
	return {
		received,
		deliver: async (item: OutboxItem<string>): Promise<DeliveryOutcome<R>> => {
			received.push(item);
			const next = answers.shift();
			if (next === undefined) throw new Error('no scripted answer left');
			if (next instanceof Error) throw next;
			return next;
		}
	};
}

const flush = () => new Promise((r) => setTimeout(r, 0));
let ids = 0;
const newId = () => `id-${++ids}`;

describe('Outbox', () => {
	it('delivers queued events one at a time, in order', async () => {
		const server = scriptedServer<string>([
			{ kind: 'delivered', result: 'a-ok' },
			{ kind: 'delivered', result: 'b-ok' }
		]);
		const results: string[] = [];
		const box = new Outbox<string, string>({ deliver: server.deliver, newId, onDelivered: (_i, r) => results.push(r) });
		box.enqueue('utterance', 'hello');
		box.enqueue('utterance', 'how can I help');
		expect(box.status).toBe('saving');
		await box.whenIdle();
		expect(server.received.map((i) => i.payload)).toEqual(['hello', 'how can I help']);
		expect(results).toEqual(['a-ok', 'b-ok']);
		expect(box.pending).toBe(0);
		expect(box.status).toBe('saved');
	});

	it('keeps an event through a network drop and sends it with the same id when the retry succeeds', async () => {
		const t = manualTimers();
		const server = scriptedServer<string>([
			new Error('Failed to fetch'),
			{ kind: 'retry', message: '503 Service Unavailable' },
			{ kind: 'delivered', result: 'ok' }
		]);
		const box = new Outbox<string, string>({ deliver: server.deliver, newId, ...t, backoffMs: [100, 400] });
		box.enqueue('utterance', 'I am sorry to hear that');
		await flush();
		expect(box.status).toBe('offline');
		expect(box.lastError).toBe('Failed to fetch');
		expect(t.scheduled).toEqual([100]);
		t.advance(100);
		await flush();
		expect(t.scheduled).toEqual([400]);
		t.advance(400);
		await box.whenIdle();
		expect(server.received).toHaveLength(3);
		expect(new Set(server.received.map((i) => i.id)).size).toBe(1);
		expect(server.received.map((i) => i.attempts)).toEqual([1, 2, 3]);
		expect(box.status).toBe('saved');
		expect(box.lastError).toBeNull();
	});

	it('drops a rejected event, reports why, and goes on with the next one', async () => {
		const server = scriptedServer<string>([
			{ kind: 'rejected', status: 400, message: 'text: too long' },
			{ kind: 'delivered', result: 'ok' }
		]);
		const rejected: string[] = [];
		const box = new Outbox<string, string>({
			deliver: server.deliver,
			newId,
			onRejected: (item, status, message) => rejected.push(`${item.payload}:${status}:${message}`)
		});
		box.enqueue('utterance', 'x'.repeat(10));
		box.enqueue('utterance', 'fine');
		await box.whenIdle();
		expect(rejected).toEqual(['xxxxxxxxxx:400:text: too long']);
		expect(server.received.map((i) => i.payload)).toEqual(['xxxxxxxxxx', 'fine']);
	});

	it('sends only the latest unsent edit of the same CRM field', async () => {
		// An edit already in flight is never withdrawn; see the next test.
		const t = manualTimers();
		const server = scriptedServer<string>([
			new Error('offline'),
			{ kind: 'delivered', result: 'ok' },
			{ kind: 'delivered', result: 'ok' }
		]);
		const box = new Outbox<string, string>({ deliver: server.deliver, newId, ...t, backoffMs: [50] });
		box.enqueue('crm', 'S', { coalesceKey: 'surname' }); // fails, waits for a retry
		await flush();
		box.enqueue('crm', 'Sm', { coalesceKey: 'surname' });
		box.enqueue('crm', 'a@b.c', { coalesceKey: 'email' });
		box.enqueue('crm', 'Smith', { coalesceKey: 'surname' });
		// Only the final value of a field matters: the waiting "S" and "Sm" give way to "Smith".
		expect(box.items.map((i) => i.payload)).toEqual(['a@b.c', 'Smith']);
		t.advance(50);
		await box.whenIdle();
		expect(server.received.map((i) => i.payload)).toEqual(['S', 'a@b.c', 'Smith']);
	});

	it('does not withdraw an edit that is in flight when the same field changes again', async () => {
		let release: (o: DeliveryOutcome<string>) => void = () => {};
		const sent: string[] = [];
		const box = new Outbox<string, string>({
			newId,
			deliver: (item) => {
				sent.push(item.payload);
				return item.payload === 'S' ? new Promise((r) => (release = r)) : Promise.resolve({ kind: 'delivered', result: 'ok' });
			}
		});
		box.enqueue('crm', 'S', { coalesceKey: 'surname' });
		box.enqueue('crm', 'Smith', { coalesceKey: 'surname' });
		expect(box.items.map((i) => i.payload)).toEqual(['S', 'Smith']);
		release({ kind: 'delivered', result: 'ok' });
		await box.whenIdle();
		expect(sent).toEqual(['S', 'Smith']);
	});

	it('survives a reload: unsent events are restored from storage and sent', async () => {
		const storage = new MemoryStorage();
		const t = manualTimers();
		const down = scriptedServer<string>([new Error('offline')]);
		const first = new Outbox<string, string>({ deliver: down.deliver, newId, storage, storageKey: 'outbox:call-1', ...t });
		first.enqueue('utterance', 'my name is Dana');
		await flush();
		first.dispose();
		expect(JSON.parse(storage.getItem('outbox:call-1') ?? '[]')).toHaveLength(1);

		const up = scriptedServer<string>([{ kind: 'delivered', result: 'ok' }]);
		const second = new Outbox<string, string>({ deliver: up.deliver, newId, storage, storageKey: 'outbox:call-1' });
		expect(second.pending).toBe(1);
		await second.whenIdle();
		expect(up.received.map((i) => i.payload)).toEqual(['my name is Dana']);
		expect(storage.getItem('outbox:call-1')).toBeNull();
	});

	it('ignores a corrupt stored queue instead of failing', () => {
		const storage = new MemoryStorage();
		storage.setItem('k', '{not json');
		const box = new Outbox<string>({ deliver: async () => ({ kind: 'delivered', result: null }), storage, storageKey: 'k' });
		expect(box.pending).toBe(0);
	});

	it('retryNow skips the remaining backoff', async () => {
		const t = manualTimers();
		const server = scriptedServer<string>([new Error('offline'), { kind: 'delivered', result: 'ok' }]);
		const box = new Outbox<string, string>({ deliver: server.deliver, newId, ...t, backoffMs: [60_000] });
		box.enqueue('hold', 'on');
		await flush();
		expect(box.status).toBe('offline');
		box.retryNow();
		await box.whenIdle();
		expect(server.received).toHaveLength(2);
		expect(t.scheduled).toEqual([]);
	});
});

describe('postJson', () => {
	const respond = (status: number, body: unknown): typeof fetch =>
		(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as typeof fetch;

	it('retries a busy answer (load shedding) with back-off from Retry-After, telling the page, then delivers', async () => {
		const answers = [
			new Response(JSON.stringify({ error: { code: 'busy', message: 'busy' } }), { status: 503, headers: { 'retry-after': '1' } }),
			new Response(JSON.stringify({ error: { code: 'busy', message: 'busy' } }), { status: 503, headers: { 'retry-after': '1' } }),
			new Response(JSON.stringify({ ok: 1 }), { status: 200 })
		];
		const busy: [number, number][] = [];
		const slept: number[] = [];
		const result = await postJson('/x', {}, (async () => answers.shift()!) as typeof fetch, {
			onBusy: (attempt, wait) => busy.push([attempt, wait]),
			sleep: async (ms) => void slept.push(ms),
			random: () => 0
		});
		expect(result).toEqual({ kind: 'delivered', result: { ok: 1 } });
		expect(busy).toEqual([[0, 1000], [1, 2000]]);
		expect(slept).toEqual([1000, 2000]);
	});

	it('gives a still-busy server back to the outbox as a retry after its attempts, and never retries other 503s here', async () => {
		let calls = 0;
		const busy = (async () => {
			calls++;
			return new Response(JSON.stringify({ error: { code: 'busy', message: 'The server is busy' } }), { status: 503 });
		}) as typeof fetch;
		expect(await postJson('/x', {}, busy, { busyRetries: 2, sleep: async () => {} })).toEqual({ kind: 'retry', message: 'The server is busy' });
		expect(calls).toBe(3);
		calls = 0;
		const down = (async () => (calls++, new Response('{}', { status: 503 }))) as typeof fetch;
		expect((await postJson('/x', {}, down, { sleep: async () => {} })).kind).toBe('retry');
		expect(calls).toBe(1);
	});

	it('classifies answers: 2xx delivered, 4xx rejected with the server reason, 5xx/429/network retried', async () => {
		expect(await postJson('/x', {}, respond(200, { reply: 'hi' }))).toEqual({ kind: 'delivered', result: { reply: 'hi' } });
		expect(await postJson('/x', {}, respond(409, { error: { code: 'call_ended', message: 'The call has ended' } }))).toEqual({
			kind: 'rejected',
			status: 409,
			message: 'The call has ended'
		});
		expect((await postJson('/x', {}, respond(503, {}))).kind).toBe('retry');
		expect((await postJson('/x', {}, respond(429, {}))).kind).toBe('retry');
		const offline = (async () => {
			throw new TypeError('Failed to fetch');
		}) as typeof fetch;
		expect(await postJson('/x', {}, offline)).toEqual({ kind: 'retry', message: 'Failed to fetch' });
	});
});
