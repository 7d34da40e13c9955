// Retraining on change: the author calls a republish minor or significant; a significant one gets a "what changed"
// note listing the lessons (courses) or call steps and sections (scenarios) that differ from the version before.
// Pure: the server loads both versions and stores the note.

import { m } from '../../paraglide/messages';

export const CHANGE_LEVELS = ['minor', 'significant'] as const;
export type ChangeLevel = (typeof CHANGE_LEVELS)[number];

export const CHANGE_KINDS = ['added', 'changed', 'removed'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One line of the note: a lesson, a dialogue step or a scenario section, and what happened to it. */
export interface ChangeItem {
	/** Lesson slug, `step:<state name>` or `section:<key>`. */
	ref: string;
	title: string;
	change: ChangeKind;
}

/** A lesson as compared: its slug, title, and every text trainees read for it (the lesson and its translations). */
export interface LessonText {
	slug: string;
	title: string;
	text: string;
}

/**
 * Lessons added, changed or removed between two versions of a course, in the new version's order (removed ones
 * last). A renamed file with the same slug and text is unchanged; a lesson moved to another place is unchanged.
 */
export function courseChanges(before: LessonText[], after: LessonText[]): ChangeItem[] {
	const old = new Map(before.map((l) => [l.slug, l]));
	const now = new Set(after.map((l) => l.slug));
	const items: ChangeItem[] = [];
	for (const l of after) {
		const prev = old.get(l.slug);
		if (!prev) items.push({ ref: l.slug, title: l.title, change: 'added' });
		else if (prev.text !== l.text || prev.title !== l.title) items.push({ ref: l.slug, title: l.title, change: 'changed' });
	}
	for (const l of before) if (!now.has(l.slug)) items.push({ ref: l.slug, title: l.title, change: 'removed' });
	return items;
}

/** What a trainee must read again after a course change: the lessons that were added or changed. */
export function lessonsToRetrain(items: ChangeItem[]): string[] {
	return items.filter((i) => i.change !== 'removed' && !i.ref.includes(':')).map((i) => i.ref);
}

/** The parts of a scenario the note names (their labels are UI text, see `changeLabel`), in YAML order. */
export const SCENARIO_SECTIONS = [
	'summary',
	'learningGoals',
	'queue',
	'caller',
	'identity',
	'truth',
	'etiquette',
	'holdLimitSeconds',
	'afterCallWork',
	'weights',
	'anger',
	'tips',
	'consequences',
	'dialogue'
] as const;
export type ScenarioSection = (typeof SCENARIO_SECTIONS)[number];

/** A scenario as compared: any parsed scenario object (its dialogue states are the call's steps). */
export type ScenarioShape = Record<string, unknown> & { dialogue?: { states?: Record<string, unknown> } & Record<string, unknown> };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Dialogue steps added, changed or removed (by state name, `title` = the name), then the sections that differ
 * (`title` = the section key; the rest of the dialogue, e.g. the opening line, is the section "dialogue").
 */
export function scenarioChanges(before: ScenarioShape, after: ScenarioShape): ChangeItem[] {
	const items: ChangeItem[] = [];
	const oldStates = before.dialogue?.states ?? {};
	const newStates = after.dialogue?.states ?? {};
	for (const [name, state] of Object.entries(newStates)) {
		if (!Object.hasOwn(oldStates, name)) items.push({ ref: `step:${name}`, title: name, change: 'added' });
		else if (!same(oldStates[name], state)) items.push({ ref: `step:${name}`, title: name, change: 'changed' });
	}
	for (const name of Object.keys(oldStates)) if (!Object.hasOwn(newStates, name)) items.push({ ref: `step:${name}`, title: name, change: 'removed' });
	const rest = (s: ScenarioShape) => {
		const { states: _states, ...others } = s.dialogue ?? {};
		return others;
	};
	for (const key of SCENARIO_SECTIONS) {
		const [a, b] = key === 'dialogue' ? [rest(before), rest(after)] : [before[key], after[key]];
		if (same(a, b)) continue;
		items.push({ ref: `section:${key}`, title: key, change: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed' });
	}
	return items;
}

const DAY_MS = 86_400_000;

/** A retraining is due at the end of the day `days` days after the change (UTC), like a typed due date. */
export function retrainingDueAt(changedAt: Date, days: number): Date {
	const end = new Date(changedAt.getTime() + days * DAY_MS);
	return new Date(`${end.toISOString().slice(0, 10)}T23:59:59.999Z`);
}

/** Holders of several dependent programmes retrain by the soonest of their programmes' deadlines. */
export function soonestRetrainingDays(days: number[]): number {
	return days.length ? Math.min(...days) : DEFAULT_RETRAINING_DAYS;
}

export const DEFAULT_RETRAINING_DAYS = 30;
export const MAX_RETRAINING_DAYS = 365;

/** A note line as shown: the lesson title, "Step <name>" or the section's name, in the interface language. */
export function changeLabel(item: ChangeItem): string {
	if (item.ref.startsWith('step:')) return m.retrain_step({ name: item.title.replace(/[_-]+/g, ' ') });
	if (item.ref.startsWith('section:')) {
		const key = item.title as ScenarioSection;
		return SECTION_LABELS[key]?.() ?? key;
	}
	return item.title;
}

const SECTION_LABELS: Record<ScenarioSection, () => string> = {
	summary: m.retrain_section_summary,
	learningGoals: m.retrain_section_learning_goals,
	queue: m.retrain_section_queue,
	caller: m.retrain_section_caller,
	identity: m.retrain_section_identity,
	truth: m.retrain_section_truth,
	etiquette: m.retrain_section_etiquette,
	holdLimitSeconds: m.retrain_section_hold,
	afterCallWork: m.retrain_section_after_call,
	weights: m.retrain_section_weights,
	anger: m.retrain_section_anger,
	tips: m.retrain_section_tips,
	consequences: m.retrain_section_consequences,
	dialogue: m.retrain_section_dialogue
};

export const CHANGE_KIND_LABELS: Record<ChangeKind, () => string> = {
	added: m.retrain_kind_added,
	changed: m.retrain_kind_changed,
	removed: m.retrain_kind_removed
};
