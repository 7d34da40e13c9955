// What the results page (trainee) and the call review (trainer) show about one scored call.
import type { CallScore } from '$lib/scoring/types';
import type { ConsequenceStep } from '$lib/scoring/consequences';
import type { StoredEvent } from '$lib/schemas/call-api';
import type { ScoreSection } from '$lib/domain/call/score-sections';
import type { CallMode } from '$lib/domain/call-lifecycle';
import type { TimelineRow } from './timeline-rows';
import type { CallOutcomeSummary } from '$lib/domain/call/outbound';

/** What the player needs to know about a call's recording (see $lib/server/recordings/store). */
export interface RecordingInfo {
	/** Length of the whole-call audio, ms. */
	durationMs: number;
	turns: number;
	/** Turns whose audio file is gone: the player says so, the transcript still works. */
	missing: number;
}

export interface CallResultView {
	callId: string;
	/** practice calls had live coaching and do not count towards certification */
	mode: CallMode;
	traineeName: string;
	endedAt: Date;
	total: number;
	/** section scores after overrides */
	sections: Record<ScoreSection, number>;
	handleSeconds: number;
	acwSeconds: number;
	holdSeconds: number;
	scenario: { slug: string; title: string; company: string; difficulty: string; learningGoals: string[] };
	score: CallScore;
	timeline: StoredEvent[];
	overrides: { id: number; section: string; oldScore: number; newScore: number; reason: string; createdAt: Date; trainerName: string }[];
	/** Trainer comments; `atMs` pins one to a moment of the call (ms since answered), null for the whole call. */
	comments: { id: number; body: string; atMs: number | null; createdAt: Date; authorName: string }[];
	/** The recorded call (voice mode), or null: typed call, or deleted by the retention clean-up. */
	recording: RecordingInfo | null;
	/** Consequence replay: what happens next for the customer given the record as entered (scripted per scenario). */
	consequences: ConsequenceStep[];
	/**
	 * How the call ends when that is the point (an outbound call, or a status that is the whole report), with the
	 * status the trainee logged; null for an ordinary inbound call.
	 */
	outcome: (CallOutcomeSummary & { entered: string | null }) | null;
	/** Per trainee line (by event seq): the words that drove the text tone model's judgement, strongest first. */
	toneWords: Record<number, { word: string; effect: number }[]>;
}

/**
 * What the results page and the trainer's review render: the view with the timeline as compact rows computed on
 * the server (`timelineRows`), instead of the raw events and tone words (which GET /api/calls/:id/result returns).
 */
export type ResultPageView = Omit<CallResultView, 'timeline' | 'toneWords'> & {
	lines: TimelineRow[];
	/** Render every line at once (`?timeline=all`: the page without JavaScript, or to search the whole call). */
	allLines: boolean;
};
