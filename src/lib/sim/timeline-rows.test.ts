import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '$lib/schemas/call-api';
import type { TimelineEvent } from '$lib/domain/call';
import { growWindow, initialWindow, revealRow, timelineRows, TIMELINE_PAGE } from './timeline-rows';

const tone = { anger: 0.114, politeness: 0.666, sentiment: { negative: 0.1, neutral: 0.6, positive: 0.3 }, source: 'text+prosody' as const };
const stored = (events: TimelineEvent[]): StoredEvent[] => events.map((event, seq) => ({ seq, event, anger: 0.5 }));

describe('timelineRows', () => {
	it('gives each event one compact row: who, what, when, the tone in whole per cent and the tone words', () => {
		const rows = timelineRows(
			stored([
				{ type: 'call_started', t: 0, scenarioSlug: 'x' },
				{ type: 'customer_utterance', t: 1000, text: 'My bill is wrong.', stateId: 'open' },
				{ type: 'trainee_utterance', t: 4000, text: 'I am sorry, let me check.', tone },
				{ type: 'crm_change', t: 6000, section: 'interaction', field: 'notes', value: 'Bill wrong' }
			]),
			{ 2: [{ word: 'sorry', effect: 0.123 }] }
		);
		expect(rows).toEqual([
			{ seq: 0, t: 0, actor: 'call', text: 'Call answered', anger: 50 },
			{ seq: 1, t: 1000, actor: 'customer', text: 'My bill is wrong.', anger: 50 },
			{ seq: 2, t: 4000, actor: 'trainee', text: 'I am sorry, let me check.', anger: 50, tone: { anger: 11, politeness: 67, sentiment: 'neutral' }, words: [{ word: 'sorry', effect: 12 }] },
			{ seq: 3, t: 6000, actor: 'crm', text: 'Interaction log · Notes = “Bill wrong”', anger: 50 }
		]);
	});

	it('shows the hang-up once for a call stored with a repeated hang-up after each CRM change (before session 19)', () => {
		const rows = timelineRows(
			stored([
				{ type: 'call_started', t: 0, scenarioSlug: 'x' },
				{ type: 'call_ended', t: 5000, by: 'customer' },
				{ type: 'crm_change', t: 6000, section: 'interaction', field: 'notes', value: 'a' },
				{ type: 'call_ended', t: 6001, by: 'customer' },
				{ type: 'crm_save', t: 7000, section: 'interaction', record: {} },
				{ type: 'call_ended', t: 7001, by: 'customer' }
			])
		);
		expect(rows.map((r) => [r.seq, r.text])).toEqual([
			[0, 'Call answered'],
			[1, 'The customer hung up'],
			[2, 'Interaction log · Notes = “a”'],
			[4, 'Interaction log saved']
		]);
	});

	it('shows a spoken line stamped after later events at the moment its audio started, in its place among them', () => {
		// The trainee spoke at 5 s; transcription finished after a CRM edit at 7 s and the caller's prompt at 9 s,
		// so the server kept the timeline in order by stamping the line 9 s and noting when its audio started.
		const rows = timelineRows(
			stored([
				{ type: 'call_started', t: 0, scenarioSlug: 'x' },
				{ type: 'crm_change', t: 7000, section: 'interaction', field: 'notes', value: 'a' },
				{ type: 'customer_utterance', t: 9000, text: 'Hello? Are you still there?', stateId: 'open' },
				{ type: 'trainee_utterance', t: 9000, spokenAt: 5000, text: 'Yes, one moment please.', tone },
				{ type: 'trainee_utterance', t: 12000, text: 'Thank you for waiting.' }
			])
		);
		expect(rows.map((r) => [r.seq, r.t])).toEqual([
			[0, 0],
			[3, 5000],
			[1, 7000],
			[2, 9000],
			[4, 12000]
		]);
	});

	it('never moves a line later than its stamp', () => {
		const [, row] = timelineRows(stored([{ type: 'call_started', t: 0, scenarioSlug: 'x' }, { type: 'trainee_utterance', t: 3000, spokenAt: 4000, text: 'Hi.' }]));
		expect(row.t).toBe(3000);
	});
});

describe('the rendered window of a long timeline', () => {
	const total = 300;
	it('opens with the first page, or every line when asked', () => {
		expect(initialWindow(total)).toEqual({ from: 0, to: TIMELINE_PAGE });
		expect(initialWindow(20)).toEqual({ from: 0, to: 20 });
		expect(initialWindow(total, true)).toEqual({ from: 0, to: total });
	});

	it('keeps the window when the line is already shown', () => {
		const win = { from: 0, to: 60 };
		expect(revealRow(win, 59, total, 60)).toBe(win);
		expect(revealRow(win, 400, total, 60)).toBe(win);
	});

	it('grows the window to a line within a page after it, keeping the lines between', () => {
		expect(revealRow({ from: 0, to: 60 }, 70, total, 60)).toEqual({ from: 0, to: 120 });
		expect(revealRow({ from: 0, to: 280 }, 290, total, 60)).toEqual({ from: 0, to: 300 });
	});

	it('grows the window back to a line within a page before it', () => {
		expect(revealRow({ from: 100, to: 160 }, 70, total, 60)).toEqual({ from: 40, to: 160 });
		expect(revealRow({ from: 30, to: 90 }, 5, total, 60)).toEqual({ from: 0, to: 90 });
	});

	it('opens a new page around a far line, with a few lines before it for context', () => {
		expect(revealRow({ from: 0, to: 60 }, 200, total, 60)).toEqual({ from: 190, to: 250 });
		expect(revealRow({ from: 0, to: 60 }, 298, total, 60)).toEqual({ from: 240, to: 300 });
		expect(revealRow({ from: 200, to: 260 }, 3, total, 60)).toEqual({ from: 0, to: 60 });
	});

	it('adds a page at either end, within the timeline', () => {
		expect(growWindow({ from: 100, to: 160 }, 'later', total, 60)).toEqual({ from: 100, to: 220 });
		expect(growWindow({ from: 100, to: 280 }, 'later', total, 60)).toEqual({ from: 100, to: 300 });
		expect(growWindow({ from: 30, to: 90 }, 'earlier', total, 60)).toEqual({ from: 0, to: 90 });
	});
});
