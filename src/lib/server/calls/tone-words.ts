// The words behind the text tone of each trainee line of a completed call: found once, when the call is completed,
// and stored (call_tone_words); the results page, the trainer's review and GET /api/calls/:id/result read them.
// Finding them takes one model run per word of every trainee line (tens of ms a call), and a completed call's lines
// never change. A call completed before they were stored, or stored by another tone model, has them found again when
// it is shown (kept in memory for the calls shown last; a GET writes nothing).
import { eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { callToneWords } from '$lib/server/db/schema/calls';
import { analyseTextTone, toneModelKey } from '$lib/server/ml/tone';
import type { CallResultView } from '$lib/sim/result-view';
import { remember } from '$lib/server/bounded-map';
import { loadEvents } from './timeline';

export type ToneWords = CallResultView['toneWords'];
type Timeline = ReturnType<typeof loadEvents>;

/** The drivers of each trainee line of a timeline, by the line's event seq (lines without drivers left out). */
export function findToneWords(timeline: Timeline): ToneWords {
	const out: ToneWords = {};
	for (const { seq, event } of timeline) {
		if (event.type !== 'trainee_utterance') continue;
		const drivers = analyseTextTone(event.text, { explain: true, speaker: 'agent' }).drivers;
		if (drivers.length > 0) out[seq] = drivers;
	}
	return out;
}

const storedOf = lazy(() =>
	db.select({ model: callToneWords.model, words: callToneWords.words }).from(callToneWords).where(eq(callToneWords.callId, sql.placeholder('callId'))).prepare()
);

/** The stored words of a call, if the tone model this process runs found them. */
export function storedToneWords(callId: string): ToneWords | null {
	const row = storedOf().get({ callId });
	return row && row.model === toneModelKey() ? (row.words as ToneWords) : null;
}

/**
 * Finds and stores the words of a call just completed (its whole timeline). A failure costs only the stored copy: the
 * page finds them when it is shown, so it is logged, not thrown.
 */
export function storeToneWords(callId: string): void {
	try {
		const words = findToneWords(loadEvents(callId));
		const model = toneModelKey();
		db.insert(callToneWords).values({ callId, model, words }).onConflictDoUpdate({ target: callToneWords.callId, set: { model, words } }).run();
		remember(recent, callId, words, RECENT_CALLS);
	} catch (e) {
		console.error(`tone words of call ${callId} not stored (they are found when the call is shown):`, e);
	}
}

/** Calls shown last whose words were found or read (a reload, the trainee and the trainer on the same call). */
const recent = new Map<string, ToneWords>();
const RECENT_CALLS = 64;

/** The words of a completed call for its results: kept → stored → found now (and kept, not stored). */
export function toneWordsOf(callId: string, timeline: Timeline): ToneWords {
	const kept = recent.get(callId);
	if (kept) return remember(recent, callId, kept, RECENT_CALLS);
	return remember(recent, callId, storedToneWords(callId) ?? findToneWords(timeline), RECENT_CALLS);
}

/** Forget the words kept in memory (tests: the next read comes from the table or the model). */
export function forgetKeptToneWords(): void {
	recent.clear();
}
