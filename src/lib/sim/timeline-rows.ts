// The results page's timeline as compact rows, computed once on the server: what each line says, when (on the
// recording's clock), the trainee's tone and the caller's anger after it. The page renders a window of them
// (TIMELINE_PAGE lines at first) and grows it as the reader scrolls or follows an evidence link; `rowWindow` is
// that window's arithmetic.
import type { StoredEvent } from '$lib/schemas/call-api';
import { describeEvent, type TimelineActor } from './timeline-text';

export interface TimelineRow {
	/** The event's place on the timeline (evidence links cite it as `eventIndex`). */
	seq: number;
	/** ms on the call's clock: when the line was said (a spoken line: when its audio starts), else the event's time. */
	t: number;
	actor: TimelineActor;
	text: string;
	/** Trainee lines: the tone estimate in whole per cent. */
	tone?: { anger: number; politeness: number; sentiment: 'negative' | 'neutral' | 'positive' };
	/** Trainee lines: the words that drove the text tone model's judgement, strongest first (effect in per cent). */
	words?: { word: string; effect: number }[];
	/** The caller's anger after this line, 0–100. */
	anger: number;
}

/** Lines rendered when a results page opens (about two screens); the rest as the reader scrolls or seeks. */
export const TIMELINE_PAGE = 60;

const pct = (x: number) => Math.round(x * 100);

function sentimentOf(s: { negative: number; neutral: number; positive: number }): 'negative' | 'neutral' | 'positive' {
	return s.negative >= s.neutral && s.negative >= s.positive ? 'negative' : s.positive >= s.neutral ? 'positive' : 'neutral';
}

/**
 * One row per event, in the order they were said. A spoken trainee line that the server had to stamp later than
 * its audio (transcription finished after other events, so `t` was moved up to keep the timeline in order) is shown
 * at `spokenAt`, where the recording has it, and moves up among the lines around it.
 */
export function timelineRows(events: readonly StoredEvent[], toneWords: Readonly<Record<number, { word: string; effect: number }[]>> = {}): TimelineRow[] {
	// Calls stored before session 19 have a repeated "The customer hung up" after each CRM change of the after-call
	// work (fixed where events are appended): one hang-up is shown, the first.
	const firstEnd = events.findIndex((e) => e.event.type === 'call_ended');
	const shown = firstEnd < 0 ? events : events.filter((e, i) => i <= firstEnd || e.event.type !== 'call_ended');
	const rows = shown.map(({ seq, event, anger }): TimelineRow => {
		const d = describeEvent(event);
		const row: TimelineRow = { seq, t: event.t, actor: d.actor, text: d.text, anger: pct(anger) };
		if (event.type === 'trainee_utterance') {
			if (event.spokenAt !== undefined && event.spokenAt < event.t) row.t = event.spokenAt;
			if (event.tone) row.tone = { anger: pct(event.tone.anger), politeness: pct(event.tone.politeness), sentiment: sentimentOf(event.tone.sentiment) };
			const words = toneWords[seq];
			if (words?.length) row.words = words.map((w) => ({ word: w.word, effect: pct(w.effect) }));
		}
		return row;
	});
	// stable: lines with equal times keep the timeline's order
	return rows.some((r, i) => i > 0 && r.t < rows[i - 1].t) ? rows.sort((a, b) => a.t - b.t) : rows;
}

/** Rows `from` (inclusive) to `to` (exclusive) of the timeline are rendered. */
export interface RowWindow {
	from: number;
	to: number;
}

/** The window a page opens with: the first page of lines, or all of them. */
export function initialWindow(total: number, all = false, page = TIMELINE_PAGE): RowWindow {
	return { from: 0, to: all ? total : Math.min(total, page) };
}

/**
 * The window that shows row `index`: unchanged when it already does; grown to it when it lies within a page of the
 * window (the lines between stay, so scrolling between them works); otherwise a new window of a page around it
 * (a few lines before it, so it is read in context).
 */
export function revealRow(win: RowWindow, index: number, total: number, page = TIMELINE_PAGE): RowWindow {
	if (index < 0 || index >= total) return win;
	if (index >= win.from && index < win.to) return win;
	if (index >= win.to && index < win.to + page) return { from: win.from, to: Math.min(total, Math.max(win.to + page, index + 1)) };
	if (index < win.from && index >= win.from - page) return { from: Math.max(0, Math.min(win.from - page, index)), to: win.to };
	const from = Math.max(0, Math.min(index - Math.floor(page / 6), total - page));
	return { from, to: Math.min(total, from + page) };
}

/** One more page of rows after the window, or before it. */
export function growWindow(win: RowWindow, direction: 'later' | 'earlier', total: number, page = TIMELINE_PAGE): RowWindow {
	return direction === 'later' ? { from: win.from, to: Math.min(total, win.to + page) } : { from: Math.max(0, win.from - page), to: win.to };
}
