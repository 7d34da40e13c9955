// The shape of a scored call: what the results page shows. Every deduction cites evidence: the index of the
// timeline event (transcript line or CRM event) it is based on.

import type { AngerCauseKind } from '../domain/call/anger';
import type { EtiquetteItem, ScoreSection, TipCourse, TipTopic } from '../domain/call/score-sections';

/** Bump when the scoring rules change, so stored scores can say which rules produced them. */
export const SCORER_VERSION = 1;

export interface Evidence {
	/** index into the call timeline */
	eventIndex: number;
	/** what in that event is meant, e.g. the phrase or the field */
	note?: string;
}

/** What a check found as a code and its values, so a page can word it in the reader's language (`message` is the English). */
export interface FindingNote {
	code: string;
	params?: Record<string, string | number>;
	/** a reason inside the finding (a field's comparator detail inside its accuracy deduction) */
	detail?: FindingNote;
}

export interface Deduction {
	section: ScoreSection;
	topic: TipTopic;
	/** points lost on the section's 0–100 scale; a section's deductions add up to 100 − its score */
	points: number;
	message: string;
	note?: FindingNote;
	/** at least one event */
	evidence: Evidence[];
}

export type { FieldVerdict } from '../domain/call/score-sections';
import type { FieldVerdict } from '../domain/call/score-sections';

export interface FieldResult {
	section: 'customer' | 'interaction' | 'ticket' | 'appointment' | 'acknowledgement';
	field: string;
	label: string;
	expected: string;
	entered: string | null;
	/** 0–1 */
	credit: number;
	verdict: FieldVerdict;
	/** why partial or wrong, e.g. "one letter differs" or "missing: Actual reading 45102" */
	detail: string | null;
	/** `detail` as a code and its values (absent on calls scored before codes existed) */
	note?: FindingNote;
	/** the event that last set the field (none if it was never entered) */
	evidence: Evidence[];
}

export interface EtiquetteCheck {
	item: EtiquetteItem;
	passed: boolean;
	message: string;
	note?: FindingNote;
	evidence: Evidence[];
}

export interface Inconsistency {
	kind: 'phone' | 'email' | 'date' | 'time';
	said: string;
	entered: string;
	section: string;
	field: string;
	/** the utterance that read the value back, then the CRM event that set it */
	evidence: Evidence[];
}

export interface PhraseEffect {
	eventIndex: number;
	text: string;
	delta: number;
	causes: AngerCauseKind[];
}

export interface AngerSummary {
	start: number;
	peak: number;
	end: number;
	/** ms from the first time the caller was upset (at or above calmBelow) to the first time they were calm again */
	timeToCalmMs: number | null;
	calmBelow: number;
	/** the mood curve: anger after each event that moved it, plus the start */
	curve: { t: number; eventIndex: number; anger: number }[];
	raisedBy: PhraseEffect[];
	loweredBy: PhraseEffect[];
}

export interface SectionScore {
	section: ScoreSection;
	/** 0–100 */
	score: number;
	weight: number;
	deductions: Deduction[];
}

export interface Tip {
	topic: TipTopic;
	course: TipCourse;
	lesson: string;
	text: string;
}

export interface CallScore {
	scorerVersion: number;
	/** 0–100, weighted by the scenario's section weights */
	total: number;
	sections: SectionScore[];
	fields: FieldResult[];
	etiquette: EtiquetteCheck[];
	inconsistencies: Inconsistency[];
	anger: AngerSummary;
	/** lessons to read, for the topics that lost points (most points first) */
	tips: Tip[];
}
