import { describe, expect, it, vi } from 'vitest';
import { CallSession, CRM_EDIT_DEBOUNCE_MS } from './call-session.svelte';
import type { PostEventResponse, StoredEvent } from '$lib/schemas/call-api';
import type { TimelineEvent } from '$lib/domain/call/events';
import { speakingTimeMs } from '$lib/domain/call/engine';

const stored = (seq: number, event: TimelineEvent, anger = 0.5): StoredEvent => ({ seq, event, anger });

/** A stand-in for the network: records what the page POSTs and answers like the server would. */
function fakeServer(answer: (body: { clientId: string; event: TimelineEvent }, n: number) => Response | 'offline') {
	const sent: { clientId: string; event: TimelineEvent }[] = [];
	const fetchFn = (async (_url: string, init?: RequestInit) => {
		const body = JSON.parse(String(init?.body));
		sent.push(body);
		const res = answer(body, sent.length);
		if (res === 'offline') throw new TypeError('Failed to fetch');
		return res;
	}) as typeof fetch;
	return { sent, fetchFn };
}
const ok = (body: PostEventResponse) => new Response(JSON.stringify(body), { status: 200 });

describe('CallSession', () => {
	it('rebuilds transcript, mood, hold and CRM state from the stored timeline (a reload resumes the call)', () => {
		const session = new CallSession({
			callId: 'c1',
			state: 'active',
			elapsedMs: 30_000,
			anger: 0.6,
			events: [
				stored(0, { type: 'call_started', t: 0, scenarioSlug: 's' }, 0.8),
				stored(1, { type: 'trainee_utterance', t: 2000, text: 'Good morning' }, 0.78),
				stored(2, { type: 'customer_utterance', t: 2700, text: 'My bill is wrong!', stateId: 'vent' }, 0.78),
				stored(3, { type: 'crm_change', t: 5000, section: 'interaction', field: 'notes', value: 'Bill' }, 0.7),
				stored(4, { type: 'hold_start', t: 9000 }, 0.6)
			],
			crm: null
		});
		expect(session.transcript.map((l) => [l.speaker, l.text])).toEqual([
			['trainee', 'Good morning'],
			['customer', 'My bill is wrong!'],
			['system', 'Call placed on hold']
		]);
		expect(session.crm.interaction.notes).toBe('Bill');
		expect(session.onHold).toBe(true);
		expect(session.mood.map((m) => m.anger)).toEqual([0.8, 0.78, 0.7, 0.6]);
		expect(session.now()).toBeGreaterThanOrEqual(30_000);
		session.dispose();
	});

	it('counts dead air from the end of the last line, as the server does, not from its start', () => {
		const line = "Yes, hello. I've just opened my bill and it says I owe four hundred and twelve pounds.";
		const session = new CallSession({
			callId: 'c1',
			state: 'active',
			elapsedMs: 30_000,
			anger: 0.8,
			events: [
				stored(0, { type: 'call_started', t: 0, scenarioSlug: 's' }),
				stored(1, { type: 'customer_utterance', t: 2000, text: line, stateId: 'vent' }),
				stored(2, { type: 'hold_start', t: 9000 })
			],
			crm: null
		});
		expect(session.lastSpeechEndT).toBe(2000 + speakingTimeMs(line));
		expect(session.lastSpeechEndT).toBeGreaterThan(6000);
		session.dispose();
	});

	it('shows a typed line at once, then the caller reply and new anger from the server', async () => {
		const server = fakeServer((body) =>
			ok({
				event: stored(1, { ...body.event, t: 1200 } as TimelineEvent, 0.7),
				added: [stored(2, { type: 'customer_utterance', t: 1900, text: 'Finally, someone.', stateId: 'vent' }, 0.7)],
				anger: 0.7,
				state: 'active',
				duplicate: false
			})
		);
		const lines: string[] = [];
		const session = new CallSession({
			callId: 'c2',
			state: 'active',
			elapsedMs: 1000,
			anger: 0.8,
			events: [stored(0, { type: 'call_started', t: 0, scenarioSlug: 's' }, 0.8)],
			crm: null,
			fetchFn: server.fetchFn,
			oncustomerline: (text) => lines.push(text)
		});
		session.say('  Hello, Meridian Energy, Sam speaking.  ');
		expect(session.transcript.at(-1)).toMatchObject({ speaker: 'trainee', pending: true, text: 'Hello, Meridian Energy, Sam speaking.' });
		await session.settle();
		expect(server.sent[0].event).toMatchObject({ type: 'trainee_utterance', text: 'Hello, Meridian Energy, Sam speaking.' });
		expect(session.transcript.map((l) => [l.speaker, l.pending ?? false])).toEqual([
			['trainee', false],
			['customer', false]
		]);
		expect(lines).toEqual(['Finally, someone.']);
		expect(session.anger).toBe(0.7);
		session.dispose();
	});

	it('queues a CRM field once typing pauses, and counts it as unsaved until then', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		try {
			const server = fakeServer((body, n) =>
				ok({ event: stored(n, body.event), added: [], anger: 0.5, state: 'active', duplicate: false })
			);
			const session = new CallSession({ callId: 'c3', state: 'active', elapsedMs: 0, anger: 0.5, events: [], crm: null, fetchFn: server.fetchFn });
			session.editField('appointment', 'surname', 'S');
			session.editField('appointment', 'surname', 'Sm');
			session.editField('appointment', 'surname', 'Smith');
			expect(session.crm.appointment.surname).toBe('Smith');
			expect(session.syncStatus).toBe('saving');
			expect(server.sent).toHaveLength(0);
			vi.advanceTimersByTime(CRM_EDIT_DEBOUNCE_MS);
			vi.useRealTimers();
			await session.settle();
			expect(server.sent.map((b) => b.event)).toEqual([expect.objectContaining({ type: 'crm_change', section: 'appointment', field: 'surname', value: 'Smith' })]);
			expect(session.syncStatus).toBe('saved');
			session.dispose();
		} finally {
			vi.useRealTimers();
		}
	});

	it('goes to after-call work when the server says the call has ended (409), keeping the CRM editable', async () => {
		const server = fakeServer(() => new Response(JSON.stringify({ error: { code: 'call_ended', message: 'The caller has hung up.' } }), { status: 409 }));
		let ended = 0;
		const session = new CallSession({
			callId: 'c4',
			state: 'active',
			elapsedMs: 0,
			anger: 0.5,
			events: [],
			crm: null,
			fetchFn: server.fetchFn,
			onended: () => ended++
		});
		session.say('Are you there?');
		await session.settle();
		expect(session.state).toBe('acw');
		expect(ended).toBe(1);
		expect(session.refusals).toEqual(['The caller has hung up.']);
		expect(session.transcript).toEqual([]);
		session.say('Hello?');
		expect(session.outbox.pending).toBe(0);
		session.dispose();
	});
});
