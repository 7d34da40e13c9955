import { beforeAll, describe, expect, it } from 'vitest';
import { createCohort, createUser } from '$lib/server/db/queries/users';
import { importContentScenarios } from '$lib/server/scenarios/versions';
import { ApiFailure } from '$lib/server/http';
import type { TimelineEvent } from '$lib/domain/call';
import { appendClientEvent, answerCall, endCall, finishAfterCallWork, getCallFor, openCallOf, promptSilence, startCall, type CallRow } from './service';
import { loadEvidence } from '$lib/server/certification/evidence';
import { playScriptedCall } from '$lib/server/certification/demo-work';
import { loadCrmRecord, loadEvents } from './timeline';
import { getCallResults } from './results';
import { addComment, overrideSectionScore } from './review';
import { db } from '$lib/server/db';
import { calls } from '$lib/server/db/schema/calls';
import { auditLog } from '$lib/server/db/schema/audit';
import { eq } from 'drizzle-orm';
import { isHttpError } from '@sveltejs/kit';
import { callForPage } from './api';

const SLUG = 'angry-billing-dispute';
type Who = { id: number; roles: ('trainee' | 'trainer' | 'admin')[] };
let trainee: Who;
let other: Who;
let trainer: Who;
let outsider: Who;

beforeAll(async () => {
	importContentScenarios();
	const t1 = await createUser({ email: 't1@test', name: 'Tina Trainee', password: 'x-password-1', roles: ['trainer'] });
	const t2 = await createUser({ email: 't2@test', name: 'Otto Outsider', password: 'x-password-1', roles: ['trainer'] });
	const cohort = createCohort('North', t1);
	const a = await createUser({ email: 'a@test', name: 'Sam Agent', password: 'x-password-1', roles: ['trainee'], cohortId: cohort });
	const b = await createUser({ email: 'b@test', name: 'Bo Other', password: 'x-password-1', roles: ['trainee'] });
	trainee = { id: a, roles: ['trainee'] };
	other = { id: b, roles: ['trainee'] };
	trainer = { id: t1, roles: ['trainer'] };
	outsider = { id: t2, roles: ['trainer'] };
});

const fresh = (call: CallRow) => db.select().from(calls).where(eq(calls.id, call.id)).get()!;
const failure = (fn: () => unknown) => {
	try {
		fn();
	} catch (e) {
		if (e instanceof ApiFailure) return { status: e.status, code: e.code };
		throw e;
	}
	throw new Error('expected an ApiFailure');
};
let n = 0;
const say = (call: CallRow, text: string, t: number) =>
	appendClientEvent(fresh(call), `c${++n}`, { type: 'trainee_utterance', text, t } as TimelineEvent);
const act = (call: CallRow, event: Record<string, unknown>) => appendClientEvent(fresh(call), `c${++n}`, event as unknown as TimelineEvent);

describe('a practice call', () => {
	it('refuses an unknown scenario with 404', () => {
		expect(failure(() => startCall(trainee.id, 'no-such-scenario'))).toEqual({ status: 404, code: 'unknown_scenario' });
	});

	it('rings until answered, then the caller reacts to the greeting with a line and anger', () => {
		const call = startCall(trainee.id, SLUG);
		expect(call.state).toBe('ringing');
		expect(failure(() => say(call, 'Hello', 0)).status).toBe(409);
		const answered = answerCall(fresh(call));
		expect(answered.event.event.type).toBe('call_started');
		expect(answered.state).toBe('active');
		const reply = say(call, 'Good morning, Meridian Energy, my name is Sam, how can I help?', 2000);
		expect(reply.event.event).toMatchObject({ type: 'trainee_utterance', t: 2000 });
		// The server estimated the tone of the typed line.
		expect((reply.event.event as { tone?: { source: string } }).tone?.source).toBe('text');
		expect(reply.added.length).toBeGreaterThan(0);
		expect(reply.added[0].event.type).toBe('customer_utterance');
		expect(reply.anger).toBeGreaterThan(0.5);
	});

	it('stores a retried event once and answers the retry with the same reply', () => {
		const call = startCall(trainee.id, SLUG);
		answerCall(fresh(call));
		const body = { type: 'trainee_utterance', text: 'Hello, Meridian Energy, Sam speaking.', t: 1500 } as TimelineEvent;
		const first = appendClientEvent(fresh(call), 'retry-1', body);
		const again = appendClientEvent(fresh(call), 'retry-1', body);
		expect(again.duplicate).toBe(true);
		expect(again.event.seq).toBe(first.event.seq);
		expect(again.added.map((a) => a.seq)).toEqual(first.added.map((a) => a.seq));
		expect(loadEvents(call.id).filter((e) => e.event.type === 'trainee_utterance')).toHaveLength(1);
	});

	it('keeps event times in order and not ahead of the server clock', () => {
		const call = startCall(trainee.id, SLUG);
		answerCall(fresh(call));
		const late = act(call, { type: 'hold_start', t: 10 * 60 * 1000 });
		expect(late.event.event.t).toBeLessThan(5000);
		const early = act(call, { type: 'hold_end', t: 0 });
		expect(early.event.event.t).toBeGreaterThanOrEqual(late.event.event.t);
	});

	it('autosaves CRM edits into the working record', () => {
		const call = startCall(trainee.id, SLUG);
		answerCall(fresh(call));
		act(call, { type: 'customer_opened', accountId: 'MER-20931', t: 100 });
		act(call, { type: 'crm_change', section: 'interaction', field: 'notes', value: 'Disputed bill', t: 200 });
		act(call, { type: 'crm_change', section: 'interaction', field: 'notes', value: 'Disputed bill of 412.67', t: 300 });
		expect(loadCrmRecord(call.id)).toMatchObject({ customer: { accountId: 'MER-20931' }, interaction: { notes: 'Disputed bill of 412.67' } });
	});

	it('lets the caller speak up after dead air, but not while talk is flowing or on hold', () => {
		const call = startCall(trainee.id, SLUG);
		answerCall(fresh(call));
		const started = fresh(call).startedAt!.getTime();
		say(call, 'Good morning, Meridian Energy, Sam speaking.', 500);
		expect(promptSilence(fresh(call), new Date(started + 3000))).toBeNull();
		const prompt = promptSilence(fresh(call), new Date(started + 90_000));
		expect(prompt?.event.event).toMatchObject({ type: 'customer_utterance', text: 'Hello? Are you still there?' });
		// Right after the caller spoke up, the line is not repeated.
		expect(promptSilence(fresh(call), new Date(started + 91_000))).toBeNull();
		act(call, { type: 'hold_start', t: 91_500 });
		expect(promptSilence(fresh(call), new Date(started + 300_000))).toBeNull();
	});

	it("forbids another trainee's call (403) and hides calls that do not exist (404)", () => {
		const call = startCall(trainee.id, SLUG);
		expect(failure(() => getCallFor(other, call.id)).status).toBe(403);
		expect(failure(() => getCallFor(outsider, call.id)).status).toBe(403);
		expect(getCallFor(trainer, call.id).id).toBe(call.id);
		expect(failure(() => getCallFor(trainer, call.id, { ownOnly: true })).status).toBe(403);
		expect(failure(() => getCallFor(trainee, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
		expect(failure(() => getCallFor(trainee, 'not-a-uuid')).status).toBe(404);
	});

	it('shows a page the same refusals as the error page, with the request id', () => {
		const call = startCall(trainee.id, SLUG);
		const page = (who: Who, id: string) => {
			try {
				return callForPage({ params: { id }, locals: { requestId: 'req-1' } as App.Locals }, who).id;
			} catch (e) {
				if (isHttpError(e)) return { status: e.status, ...e.body };
				throw e;
			}
		};
		expect(page(trainee, call.id)).toBe(call.id);
		expect(page(other, call.id)).toEqual({ status: 403, message: 'This call belongs to another trainee.', code: 'forbidden', requestId: 'req-1' });
		expect(page(trainee, 'not-a-uuid')).toMatchObject({ status: 404, code: 'not_found', requestId: 'req-1' });
	});

	it('after the hang-up accepts only CRM work (409 otherwise), then scores the call on ACW', () => {
		const call = startCall(trainee.id, SLUG);
		answerCall(fresh(call));
		say(call, 'Good morning, Meridian Energy, my name is Sam Agent. I am sorry to hear that.', 1000);
		act(call, { type: 'hold_start', t: 5000 });
		const ended = endCall(fresh(call));
		expect(ended.state).toBe('acw');
		expect(loadEvents(call.id).map((e) => e.event.type).slice(-2)).toEqual(['hold_end', 'call_ended']);
		expect(failure(() => say(call, 'Hello?', 9000))).toEqual({ status: 409, code: 'call_ended' });
		expect(failure(() => endCall(fresh(call))).status).toBe(409);
		act(call, { type: 'crm_change', section: 'interaction', field: 'status', value: 'Pending', t: 9000 });
		act(call, { type: 'crm_save', section: 'interaction', record: {}, t: 9500 });
		// CRM work after the call adds no hang-up of the caller (each change once added a "The customer hung up").
		expect(loadEvents(call.id).filter((e) => e.event.type === 'call_ended').map((e) => e.event)).toEqual([expect.objectContaining({ by: 'trainee' })]);
		expect(loadEvents(call.id).map((e) => e.event.type).slice(-2)).toEqual(['crm_change', 'crm_save']);
		finishAfterCallWork(fresh(call), { to: 'denise.okafor@example.net', subject: 'Your bill', body: 'A corrected bill is on its way.' });
		const done = fresh(call);
		expect(done.state).toBe('completed');
		expect(done.total).toBeGreaterThanOrEqual(0);
		expect(done.total).toBeLessThanOrEqual(100);
		expect(failure(() => finishAfterCallWork(fresh(call), null)).status).toBe(409);

		const [result] = getCallResults(trainee.id).filter((r) => r.callId === call.id);
		expect(result).toMatchObject({ scenarioSlug: SLUG, angryStart: true, overridden: false });
		expect(result.holdSeconds).toBeGreaterThanOrEqual(0);
		expect(Object.keys(result.sections).sort()).toEqual(['accuracy', 'afterCallWork', 'angerControl', 'completeness', 'consistency', 'etiquette']);
	});

	it('has the caller hang up once when the conversation is over, however much CRM work follows', () => {
		const id = playScriptedCall(trainee.id, 'sales-enquiry', new Date(Date.now() - 3_600_000))!;
		const events = loadEvents(id).map((e) => e.event);
		expect(events.filter((e) => e.type === 'call_ended')).toEqual([expect.objectContaining({ by: 'customer' })]);
		// The scripted call keeps its record after the hang-up: several CRM changes, none followed by another hang-up.
		const hangUp = events.findIndex((e) => e.type === 'call_ended');
		expect(events.slice(hangUp + 1).filter((e) => e.type === 'crm_change').length).toBeGreaterThan(2);
		expect(fresh({ id } as CallRow).state).toBe('completed');
	});

	it('applies a trainer override to the section and total, keeps its history and audits it', () => {
		const call = startCall(trainee.id, SLUG);
		answerCall(fresh(call));
		say(call, 'Hello, Meridian Energy, Sam speaking.', 1000);
		endCall(fresh(call));
		finishAfterCallWork(fresh(call), null);
		const before = getCallResults(trainee.id).find((r) => r.callId === call.id)!;
		overrideSectionScore(trainer.id, fresh(call), { section: 'etiquette', score: 100, reason: 'Greeting was fine on the recording' });
		overrideSectionScore(trainer.id, fresh(call), { section: 'etiquette', score: 90, reason: 'Second look: close was abrupt' });
		addComment(trainer.id, fresh(call), 'Good start, keep acknowledging.');
		const after = getCallResults(trainee.id).find((r) => r.callId === call.id)!;
		expect(after.sections.etiquette).toBe(90);
		expect(after.overridden).toBe(true);
		expect(after.total).not.toBe(before.total);
		const audits = db.select().from(auditLog).where(eq(auditLog.entityId, call.id)).all();
		expect(audits.map((a) => a.action).sort()).toEqual(['call.comment', 'score.override', 'score.override']);
	});
});

describe('one clock for the call', () => {
	// events sent at call time `t`, as the browser does, with the server's clock at the same moment
	const at = (call: CallRow, event: Record<string, unknown> & { t: number }) => {
		const row = fresh(call);
		return appendClientEvent(row, `c${++n}`, event as unknown as TimelineEvent, new Date(row.startedAt!.getTime() + event.t));
	};

	it('keeps a typed line at the time it was sent, even while the caller is still talking', () => {
		const call = startCall(trainee.id, SLUG);
		answerCall(fresh(call));
		at(call, { type: 'trainee_utterance', text: 'Good morning, Meridian Energy, my name is Sam.', t: 2000 });
		// the caller's long opening line is still being spoken at 3.5 s; the typed answer stays at 3.5 s
		const reply = at(call, { type: 'trainee_utterance', text: 'I am so sorry, that must be a shock.', t: 3500 });
		expect(reply.event.event.t).toBe(3500);
		expect(reply.event.event.type === 'trainee_utterance' && reply.event.event.interrupted).toBeFalsy();
	});

	it('scores the hold as long as the trainee held, on the same clock as the timer', () => {
		const call = startCall(trainee.id, SLUG);
		answerCall(fresh(call));
		at(call, { type: 'trainee_utterance', text: 'Good morning, Meridian Energy, my name is Sam.', t: 2000 });
		at(call, { type: 'trainee_utterance', text: 'Can I put you on hold for a moment?', t: 9000 });
		at(call, { type: 'hold_start', t: 10_000 });
		at(call, { type: 'hold_end', t: 71_000 });
		const events = loadEvents(call.id).map((e) => e.event);
		const start = events.find((e) => e.type === 'hold_start')!;
		const end = events.find((e) => e.type === 'hold_end')!;
		expect([start.t, end.t]).toEqual([10_000, 71_000]);
		const times = events.map((e) => e.t);
		expect(times).toEqual([...times].sort((a, b) => a - b));
	});

	it('notes when a spoken line’s audio started when its transcription arrives after later events', () => {
		const call = startCall(trainee.id, SLUG);
		answerCall(fresh(call));
		// spoken from 4 s; while it was transcribed the trainee typed a note at 6 s
		at(call, { type: 'crm_change', section: 'interaction', field: 'notes', value: 'Bill too high', t: 6000 });
		const row = fresh(call);
		const prosody = { durationSec: 2, speechSec: 1.8, rmsDb: -24, loudnessDb: 2, baseline: 'nominal', f0MeanHz: 150 };
		const spoken = appendClientEvent(row, `c${++n}`, { type: 'trainee_utterance', text: 'Let me look at that bill.', prosody, t: 4000 } as unknown as TimelineEvent, new Date(row.startedAt!.getTime() + 8000));
		// the timeline stays in order (the line is stamped at the note), and the line remembers its audio's start
		expect(spoken.event.event).toMatchObject({ t: 6000, spokenAt: 4000 });
		// a typed line moved up the same way is not a recording: no spokenAt
		at(call, { type: 'crm_change', section: 'interaction', field: 'notes', value: 'Bill too high, checking', t: 9000 });
		const typed = at(call, { type: 'trainee_utterance', text: 'One moment please.', t: 8500 });
		expect(typed.event.event.t).toBe(9000);
		expect(typed.event.event).not.toHaveProperty('spokenAt');
	});
});

describe('practice and assessment calls', () => {
	it('coaches a practice call live on every answer, and an assessment call never', () => {
		const practice = startCall(trainee.id, SLUG, new Date(), 'practice');
		expect(practice.mode).toBe('practice');
		const answered = answerCall(fresh(practice));
		expect(answered.coaching?.checklist.find((i) => i.item === 'greeting')?.status).toBe('open');
		const greeted = say(practice, 'Good morning, Meridian Energy, my name is Sam, how can I help?', 2000);
		expect(greeted.coaching?.checklist.find((i) => i.item === 'greeting')?.status).toBe('met');
		const blamed = say(practice, 'You should have sent us a meter reading.', 9000);
		expect(blamed.coaching?.cues.map((c) => c.kind)).toContain('blame');
		expect(endCall(fresh(practice)).coaching?.checklist.find((i) => i.item === 'politeClose')?.status).toBe('missed');

		const assessment = startCall(trainee.id, SLUG);
		expect(assessment.mode).toBe('assessment');
		expect(answerCall(fresh(assessment)).coaching).toBeUndefined();
		expect(say(assessment, 'You should have sent us a meter reading.', 2000).coaching).toBeUndefined();
	});

	it('finds the open call of a scenario until it is completed', async () => {
		const u = await createUser({ email: 'open@test', name: 'Olga Open', password: 'x-password-1', roles: ['trainee'] });
		expect(openCallOf(u, 'sales-enquiry')).toBeUndefined();
		const call = startCall(u, 'sales-enquiry', new Date(), 'practice');
		expect(openCallOf(u, 'sales-enquiry')).toMatchObject({ id: call.id, mode: 'practice', state: 'ringing' });
		expect(openCallOf(u, SLUG)).toBeUndefined();
		answerCall(fresh(call));
		endCall(fresh(call));
		expect(openCallOf(u, 'sales-enquiry')?.state).toBe('acw');
		finishAfterCallWork(fresh(call), null);
		expect(openCallOf(u, 'sales-enquiry')).toBeUndefined();
	});

	it('gives certification the assessment calls only', async () => {
		const u = await createUser({ email: 'cert@test', name: 'Cora Cert', password: 'x-password-1', roles: ['trainee'] });
		const finish = (mode: 'practice' | 'assessment') => {
			const call = startCall(u, SLUG, new Date(), mode);
			answerCall(fresh(call));
			endCall(fresh(call));
			finishAfterCallWork(fresh(call), null);
			return call.id;
		};
		const practiceId = finish('practice');
		const assessmentId = finish('assessment');
		expect(getCallResults(u).map((r) => [r.callId, r.mode])).toEqual(
			expect.arrayContaining([
				[practiceId, 'practice'],
				[assessmentId, 'assessment']
			])
		);
		expect(loadEvidence(u).calls.map((c) => c.id)).toEqual([assessmentId]);
	});
});
