// The words behind each trainee line's tone are found once, when a call is completed, and read from the table by the
// results: equal to finding them afresh, ignored when another tone model stored them, never written by a read.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createUser } from '$lib/server/db/queries/users';
import { importContentScenarios } from '$lib/server/scenarios/versions';
import { playScriptedCall } from '$lib/server/certification/demo-work';
import { db } from '$lib/server/db';
import { calls, callToneWords } from '$lib/server/db/schema/calls';
import { toneModelKey } from '$lib/server/ml/tone';
import { callResultPage, callResultView } from './results';
import { loadEvents } from './timeline';
import { findToneWords, forgetKeptToneWords, storeToneWords, toneWordsOf } from './tone-words';

let trainee: number;
let callId: string;
const row = (id: string) => db.select().from(callToneWords).where(eq(callToneWords.callId, id)).get();
const call = (id: string) => db.select().from(calls).where(eq(calls.id, id)).get()!;

beforeAll(async () => {
	importContentScenarios();
	trainee = await createUser({ email: 'tw-a@test', name: 'Tia Agent', password: 'x-password-1', roles: ['trainee'] });
	callId = playScriptedCall(trainee, 'angry-billing-dispute', new Date(Date.now() - 86_400_000))!;
});

describe('tone words of a completed call', () => {
	it('are stored when the call is completed, by the model that runs, equal to finding them afresh', () => {
		expect(call(callId).state).toBe('completed');
		const stored = row(callId)!;
		expect(stored.model).toBe(toneModelKey());
		const fresh = findToneWords(loadEvents(callId));
		expect(Object.keys(fresh).length).toBeGreaterThan(0);
		expect(stored.words).toEqual(fresh);
		// keys are trainee lines of the timeline
		const traineeSeqs = new Set(loadEvents(callId).filter((e) => e.event.type === 'trainee_utterance').map((e) => String(e.seq)));
		for (const seq of Object.keys(fresh)) expect(traineeSeqs.has(seq)).toBe(true);
	});

	it('are what the results page and the result API show, read from the table', () => {
		const marker = { 1: [{ word: 'stored-marker', effect: 0.5 }] };
		db.update(callToneWords).set({ words: marker }).where(eq(callToneWords.callId, callId)).run();
		forgetKeptToneWords();
		expect(callResultView(call(callId))!.toneWords).toEqual(marker);
		forgetKeptToneWords();
		const page = callResultPage(call(callId))!;
		expect(JSON.stringify(page.lines)).toContain('stored-marker');
	});

	it('stored by another tone model are not shown: they are found again, and the read writes nothing', () => {
		db.update(callToneWords).set({ model: 'an-older-model' }).where(eq(callToneWords.callId, callId)).run();
		forgetKeptToneWords();
		const shown = toneWordsOf(callId, loadEvents(callId));
		expect(shown).toEqual(findToneWords(loadEvents(callId)));
		expect(JSON.stringify(shown)).not.toContain('stored-marker');
		expect(row(callId)!.model).toBe('an-older-model');
	});

	it('of a call completed before they were stored are found when shown, without writing a row', () => {
		db.delete(callToneWords).where(eq(callToneWords.callId, callId)).run();
		forgetKeptToneWords();
		expect(callResultView(call(callId))!.toneWords).toEqual(findToneWords(loadEvents(callId)));
		expect(row(callId)).toBeUndefined();
		// storing again (what completing the call does) writes the current model's words
		storeToneWords(callId);
		expect(row(callId)).toMatchObject({ model: toneModelKey(), words: findToneWords(loadEvents(callId)) });
	});

	it('go with their call', () => {
		const other = playScriptedCall(trainee, 'sales-enquiry', new Date(Date.now() - 3_600_000))!;
		expect(row(other)).toBeDefined();
		db.delete(calls).where(eq(calls.id, other)).run();
		expect(row(other)).toBeUndefined();
	});
});
