// Practice calls on the server: start, answer, append the trainee's events (the scripted caller answers through
// the call engine), end, after-call work and scoring. Each call keeps one ordered timeline in call_events.
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { db } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { callCrmRecords, callEvents, calls } from '$lib/server/db/schema/calls';
import { ApiFailure } from '$lib/server/http';
import { canSeeTrainee } from '$lib/server/db/queries/users';
import type { SessionUser } from '$lib/server/auth/session';
import { estimateTextTone } from '$lib/server/ml/tone';
import { combineTone } from '$lib/domain/tone';
import type { Scenario } from '$lib/schemas/scenario';
import {
	advanceCallAt,
	applyToRecord,
	initialCallState,
	replayCall,
	silencePrompt,
	stepCall,
	type CallEngineState,
	type CallReplay,
	type TimelineEvent,
	type TraineeUtteranceEvent
} from '$lib/domain/call';
import { emptyCrmRecord, type AcknowledgementEmail } from '$lib/domain/crm';
import { acceptsEvent, type CallMode, type CallState } from '$lib/domain/call-lifecycle';
import { coachCall, type Coaching } from '$lib/scoring/coaching';
import { TimelineMemo } from './coaching-memo';
import { scenarioOf } from './scenario-snapshots';
import { users } from '$lib/server/db/schema/users';
import type { PostEventResponse, StoredEvent } from '$lib/schemas/call-api';
import { findPublishedScenario } from '$lib/server/scenarios/published';
import { loadCrmRecord, loadEvents, loadEventsFrom } from './timeline';
import { scoreStoredCall } from './scoring';
import { storeToneWords } from './tone-words';
import { evaluateAndIssueSafely } from '$lib/server/certification/auto-issue';
import { m } from '$lib/paraglide/messages';

export type CallRow = typeof calls.$inferSelect;

/** How far ahead of the server's clock a browser's event time may be (clock drift, rounding). */
const CLOCK_TOLERANCE_MS = 2000;

export { scenarioOf };

export function startCall(userId: number, scenarioSlug: string, now = new Date(), mode: CallMode = 'assessment'): CallRow {
	const entry = findPublishedScenario(scenarioSlug);
	if (!entry) throw new ApiFailure(404, 'unknown_scenario', m.api_unknown_scenario({ slug: scenarioSlug }), 'scenarioSlug');
	const row: typeof calls.$inferInsert = {
		id: randomUUID(),
		userId,
		scenarioSlug,
		scenarioHash: entry.hash,
		scenarioVersion: entry.version,
		scenarioSnapshot: entry.scenario,
		state: 'ringing',
		mode,
		createdAt: now,
		anger: entry.scenario.anger.start,
		engineState: initialCallState(entry.scenario)
	};
	return db.insert(calls).values(row).returning().get();
}

// The queries every call event runs, prepared once (drizzle would build and compile each one per request).
const callById = lazy(() => db.select().from(calls).where(eq(calls.id, sql.placeholder('id'))).prepare());
const lastEventOf = lazy(() =>
	db
		.select({ seq: callEvents.seq, t: callEvents.t })
		.from(callEvents)
		.where(eq(callEvents.callId, sql.placeholder('callId')))
		.orderBy(desc(callEvents.seq))
		.limit(1)
		.prepare()
);
const eventByClientId = lazy(() =>
	db
		.select({ seq: callEvents.seq })
		.from(callEvents)
		.where(and(eq(callEvents.callId, sql.placeholder('callId')), eq(callEvents.clientId, sql.placeholder('clientId'))))
		.prepare()
);
const nameOf = lazy(() => db.select({ name: users.name }).from(users).where(eq(users.id, sql.placeholder('id'))).prepare());

/**
 * The call if `user` may see it: trainees their own calls; trainers calls of their cohorts' trainees; admins all.
 * 404 when it does not exist, 403 when it is someone else's.
 */
export function getCallFor(user: Pick<SessionUser, 'id' | 'roles'>, callId: string, opts: { ownOnly?: boolean } = {}): CallRow {
	const call = /^[0-9a-f-]{36}$/.test(callId) ? callById().get({ id: callId }) : undefined;
	if (!call) throw new ApiFailure(404, 'not_found', m.api_no_call());
	if (call.userId === user.id) return call;
	if (opts.ownOnly || !canSeeTrainee(user, call.userId)) throw new ApiFailure(403, 'forbidden', m.api_not_your_call());
	return call;
}

export function elapsedMs(call: CallRow, now = Date.now()): number {
	return call.startedAt ? Math.max(0, now - call.startedAt.getTime()) : 0;
}

function conflict(call: CallRow): never {
	const why =
		call.state === 'ringing'
			? m.api_call_not_answered()
			: call.state === 'acw'
				? m.api_call_hung_up()
				: m.api_call_finished();
	throw new ApiFailure(409, call.state === 'ringing' ? 'call_not_answered' : 'call_ended', why);
}

/** Where a call's timeline ends: its length (the next seq) and the last event's time. One indexed row. */
interface TimelineTail {
	length: number;
	lastT: number;
}

function timelineTail(callId: string): TimelineTail {
	const last = lastEventOf().get({ callId });
	return last ? { length: last.seq + 1, lastT: last.t } : { length: 0, lastT: 0 };
}

/** An event to append; `replies: false` records it without the caller answering (e.g. while hanging up). */
interface TimelineInput {
	event: TimelineEvent;
	replies: boolean;
}

/**
 * Append the events of one action, with the caller's replies, in one transaction; `seq` continues the timeline.
 * When the dialogue reaches its end the customer hangs up (`call_ended` by customer). The CRM working record and
 * the engine state are saved with the events.
 */
function appendTimeline(
	call: CallRow,
	tail: TimelineTail,
	inputs: TimelineInput[],
	clientId: string | null,
	now: Date
): { stored: StoredEvent[]; state: CallEngineState; callState: CallState } {
	const scenario = scenarioOf(call);
	// The engine state is stored with every append; only a call without one (none is written that way now) replays.
	const engine = (call.engineState as CallEngineState | null) ?? replayCall(scenario, loadEvents(call.id).map((h) => h.event)).state;
	let replay: CallReplay = { state: engine, steps: [] };
	const appended: TimelineEvent[] = [];
	const run = ({ event, replies }: TimelineInput) => {
		if (replies) {
			const next = advanceCallAt(scenario, tail.length + appended.length, event, replay);
			appended.push(...next.appended);
			replay = next.replay;
		} else {
			const next = stepCall(scenario, replay.state, event, tail.length + appended.length);
			appended.push(event);
			replay = { state: next.state, steps: [...replay.steps, next.step] };
		}
	};
	inputs.forEach(run);
	// The caller hangs up once, when this append ends the dialogue: after the call has ended (after-call work), the
	// engine stays ended and a CRM change must not add another hang-up.
	if (replay.state.ended && !engine.ended && !appended.some((e) => e.type === 'call_ended')) {
		run({ event: { type: 'call_ended', t: appended.at(-1)!.t + 1, by: 'customer' }, replies: false });
	}
	const steps = replay.steps;
	let seq = tail.length;
	const stored = appended.map((e, i) => ({ seq: seq++, event: e, anger: steps[i]?.angerAfter ?? replay.state.anger }));
	const ended = stored.some((s) => s.event.type === 'call_ended');
	const callState: CallState = ended ? 'acw' : call.state === 'ringing' ? 'active' : call.state;
	db.transaction(() => {
		stored.forEach((s, i) =>
			insertEvent().run({
				callId: call.id,
				seq: s.seq,
				t: s.event.t,
				type: s.event.type,
				payload: s.event,
				anger: s.anger,
				clientId: i === 0 ? clientId : null,
				createdAt: now
			})
		);
		const update = { id: call.id, state: callState, anger: replay.state.anger, engineState: JSON.stringify(replay.state) };
		if (ended && !call.endedAt) updateEndedCall().run({ ...update, endedAt: now.getTime() });
		else updateCall().run(update);
		if (appended.some((e) => e.type === 'crm_change' || e.type === 'crm_save' || e.type === 'customer_opened')) {
			// The stored working record plus the new events (the same fold as recordFromTimeline over the whole call).
			const record = applyToRecord(loadCrmRecord(call.id) ?? emptyCrmRecord(), appended, tail.length);
			saveCrmRecord().run({ callId: call.id, record, updatedAt: now });
		}
	});
	return { stored, state: replay.state, callState };
}

// The writes of every call event, prepared once.
const insertEvent = lazy(() =>
	db
		.insert(callEvents)
		.values({
			callId: sql.placeholder('callId'),
			seq: sql.placeholder('seq'),
			t: sql.placeholder('t'),
			type: sql.placeholder('type'),
			payload: sql.placeholder('payload'),
			anger: sql.placeholder('anger'),
			clientId: sql.placeholder('clientId'),
			createdAt: sql.placeholder('createdAt')
		})
		.prepare()
);
// Update values are SQL here, so they go to SQLite as given: the engine state as its JSON, the end time in ms.
const callUpdate = { state: sql`${sql.placeholder('state')}`, anger: sql`${sql.placeholder('anger')}`, engineState: sql`${sql.placeholder('engineState')}` };
const updateCall = lazy(() => db.update(calls).set(callUpdate).where(eq(calls.id, sql.placeholder('id'))).prepare());
const updateEndedCall = lazy(() =>
	db
		.update(calls)
		.set({ ...callUpdate, endedAt: sql`${sql.placeholder('endedAt')}` })
		.where(eq(calls.id, sql.placeholder('id')))
		.prepare()
);
const saveCrmRecord = lazy(() =>
	db
		.insert(callCrmRecords)
		.values({ callId: sql.placeholder('callId'), record: sql.placeholder('record'), updatedAt: sql.placeholder('updatedAt') })
		.onConflictDoUpdate({ target: callCrmRecords.callId, set: { record: sql`excluded.record`, updatedAt: sql`excluded.updated_at` } })
		.prepare()
);

const coachingMemo = new TimelineMemo();

/**
 * The live coaching of a practice call (assessment calls get none), from its timeline and the engine's state. Only a
 * practice call reads its timeline here, and only the events stored since its last event (the memo keeps the rest);
 * the memo analyses just the lines added since.
 */
export function coachingOf(call: Pick<CallRow, 'id' | 'mode' | 'userId' | 'scenarioHash' | 'scenarioSnapshot'>, engine: CallEngineState, timeline?: readonly StoredEvent[]): Coaching | undefined {
	if (call.mode !== 'practice') return undefined;
	const trainee = nameOf().get({ id: call.userId });
	const { scenario, events, angers, folds } = timeline
		? { ...coachingMemo.take(call.id, scenarioOf(call), timeline.map((e) => e.event)), angers: timeline.map((e) => e.anger) }
		: coachingMemo.extend(call.id, scenarioOf(call), (fromSeq) => loadEventsFrom(call.id, fromSeq));
	return coachCall({
		scenario,
		events,
		angers,
		engine,
		traineeName: trainee?.name,
		folds
	});
}

function respond(call: Pick<CallRow, 'id' | 'mode' | 'userId' | 'scenarioHash' | 'scenarioSnapshot'>, stored: StoredEvent[], state: CallEngineState, callState: CallState): PostEventResponse {
	return {
		event: stored[0],
		added: stored.slice(1),
		anger: state.anger,
		state: callState,
		duplicate: false,
		coaching: coachingOf(call, state)
	};
}

export function answerCall(call: CallRow, now = new Date()): PostEventResponse {
	if (call.state !== 'ringing') throw new ApiFailure(409, 'already_answered', m.api_call_already_answered());
	const claimed = db
		.update(calls)
		.set({ state: 'active', startedAt: now })
		.where(and(eq(calls.id, call.id), eq(calls.state, 'ringing')))
		.run();
	if (claimed.changes === 0) throw new ApiFailure(409, 'already_answered', m.api_call_already_answered());
	const started: TimelineEvent = { type: 'call_started', t: 0, scenarioSlug: call.scenarioSlug, scenarioVersion: call.scenarioVersion };
	const { stored, state } = appendTimeline({ ...call, state: 'active', startedAt: now }, { length: 0, lastT: 0 }, [{ event: started, replies: true }], null, now);
	return respond(call, stored, state, 'active');
}

/** Append one browser event (utterance, CRM change, hold, transfer…) and the caller's reaction. */
/** A spoken turn lasts at most a minute and its transcription a little longer: an audio start claimed earlier is not. */
const SPOKEN_LINE_MAX_LAG_MS = 120_000;

/**
 * A spoken line (it has prosody) stamped later than the moment the trainee started speaking, which the browser sent
 * as `t` (its recorded turn has the speech there): that moment, for the player. Typed lines and lines kept at their
 * time: none.
 */
function spokenAtOf(event: TraineeUtteranceEvent, claimedT: number): { spokenAt?: number } {
	if (!event.prosody || claimedT >= event.t) return {};
	return { spokenAt: Math.max(0, Math.round(claimedT), event.t - SPOKEN_LINE_MAX_LAG_MS) };
}

export function appendClientEvent(call: CallRow, clientId: string, event: TimelineEvent, now = new Date()): PostEventResponse {
	const previous = eventByClientId().get({ callId: call.id, clientId });
	if (previous) {
		// A retry of a request that already succeeded: answer as before, with whatever the server added after it.
		const history = loadEvents(call.id);
		const first = history[previous.seq];
		const added = history.slice(previous.seq + 1).filter((h) => h.event.type === 'customer_utterance' || h.event.type === 'call_ended');
		return { event: first, added, anger: call.anger, state: call.state, duplicate: true };
	}
	if (!acceptsEvent(call.state, event.type)) conflict(call);
	const tail = timelineTail(call.id);
	const lastT = tail.lastT;
	const t = Math.min(Math.max(event.t, lastT), Math.max(lastT, elapsedMs(call, now.getTime()) + CLOCK_TOLERANCE_MS));
	// Every event keeps the time it happened on the call's one clock (the timer the trainee sees): a typed line is
	// not moved to after the caller's line (the engine never counts a typed line as talking over the caller).
	let timed: TimelineEvent = { ...event, t };
	if (timed.type === 'trainee_utterance') {
		timed = { ...timed, tone: timed.tone ?? combineTone(estimateTextTone(timed.text, { speaker: 'agent' }), timed.prosody), ...spokenAtOf(timed, event.t) };
	}
	const { stored, state, callState } = appendTimeline(call, tail, [{ event: timed, replies: true }], clientId, now);
	return respond(call, stored, state, callState);
}

/**
 * Nobody has spoken for a while: the caller may say so ("Hello? Are you still there?"). Returns null when the
 * caller stays quiet (not silent long enough, on hold, or the call is not active).
 */
export function promptSilence(call: CallRow, now = new Date()): PostEventResponse | null {
	if (call.state !== 'active') return null;
	const engine = call.engineState as CallEngineState | null;
	if (!engine) return null;
	const tail = timelineTail(call.id);
	const t = Math.max(tail.lastT, elapsedMs(call, now.getTime()));
	const lines = silencePrompt(scenarioOf(call), engine, t);
	if (lines.length === 0) return null;
	const inputs = lines.map((text, i) => ({
		event: { type: 'customer_utterance', t: t + i, text, stateId: engine.stateId } as TimelineEvent,
		replies: false
	}));
	const { stored, state, callState } = appendTimeline(call, tail, inputs, null, now);
	return respond(call, stored, state, callState);
}

/** The trainee ends the call; after-call work starts. */
export function endCall(call: CallRow, now = new Date()): PostEventResponse {
	if (call.state !== 'active') conflict(call);
	const tail = timelineTail(call.id);
	const t = Math.max(tail.lastT, elapsedMs(call, now.getTime()));
	// A hold still running ends with the call; the caller says nothing more after the hang-up.
	const inputs: TimelineInput[] = [];
	if ((call.engineState as CallEngineState | null)?.onHold) inputs.push({ event: { type: 'hold_end', t }, replies: false });
	inputs.push({ event: { type: 'call_ended', t, by: 'trainee' }, replies: false });
	const { stored, state } = appendTimeline(call, tail, inputs, null, now);
	return respond(call, stored, state, 'acw');
}

/** After-call work done: the acknowledgement e-mail is recorded, the call is scored and completed. */
export function finishAfterCallWork(call: CallRow, email: AcknowledgementEmail | null, now = new Date()): void {
	if (call.state !== 'acw') {
		throw new ApiFailure(409, call.state === 'completed' ? 'already_completed' : 'call_not_ended', call.state === 'completed' ? m.api_acw_done() : m.api_acw_end_first());
	}
	const tail = timelineTail(call.id);
	const event: TimelineEvent = { type: 'acw_saved', t: Math.max(tail.lastT, elapsedMs(call, now.getTime())), email };
	// One transaction: if scoring fails, the call stays in after-call work and the trainee can try again.
	db.transaction((tx) => {
		tx.insert(callEvents)
			.values({ callId: call.id, seq: tail.length, t: event.t, type: event.type, payload: event, anger: call.anger, createdAt: now })
			.run();
		tx.update(calls).set({ state: 'completed', acwEndedAt: now }).where(eq(calls.id, call.id)).run();
		coachingMemo.forget(call.id);
		scoreStoredCall(call.id);
	});
	storeToneWords(call.id); // the words behind each line's tone, for its results (tone-words.ts)
	evaluateAndIssueSafely(call.userId, now); // certification: issue any certificate this call earns
}

/** The user's newest call of a scenario that is not completed yet (ringing, on call or in after-call work). */
export function openCallOf(userId: number, scenarioSlug: string): Pick<CallRow, 'id' | 'mode' | 'state'> | undefined {
	return db
		.select({ id: calls.id, mode: calls.mode, state: calls.state })
		.from(calls)
		.where(and(eq(calls.userId, userId), eq(calls.scenarioSlug, scenarioSlug), ne(calls.state, 'completed')))
		.orderBy(desc(calls.createdAt))
		.get();
}

/** A user's unfinished calls, newest first (by the (user_id, state, ended_at) index; there are only a few). */
export function openCallsOf(userId: number): Pick<CallRow, 'id' | 'scenarioSlug' | 'mode' | 'state'>[] {
	return openCallsOfOne().all({ userId });
}
const openCallsOfOne = lazy(() =>
	db
		.select({ id: calls.id, scenarioSlug: calls.scenarioSlug, mode: calls.mode, state: calls.state })
		.from(calls)
		.where(and(eq(calls.userId, sql.placeholder('userId')), ne(calls.state, 'completed')))
		.orderBy(desc(calls.createdAt))
		.prepare()
);

export interface CallListItem {
	id: string;
	scenarioSlug: string;
	state: CallState;
	mode: CallMode;
	createdAt: Date;
	total: number | null;
}

const callListColumns = { id: calls.id, userId: calls.userId, scenarioSlug: calls.scenarioSlug, state: calls.state, mode: calls.mode, createdAt: calls.createdAt, total: calls.total };
// One user's list (their /calls page and GET /api/calls): prepared once.
const callListOfOne = lazy(() =>
	db.select(callListColumns).from(calls).where(eq(calls.userId, sql.placeholder('userId'))).orderBy(desc(calls.createdAt)).limit(sql.placeholder('limit')).prepare()
);

export function listCallsOf(userIds: number[], limit = 200): (CallListItem & { userId: number })[] {
	if (userIds.length === 0) return [];
	if (userIds.length === 1) return callListOfOne().all({ userId: userIds[0], limit });
	return db.select(callListColumns).from(calls).where(inArray(calls.userId, userIds)).orderBy(desc(calls.createdAt)).limit(limit).all();
}
