// Certification programme rules and their validation against what exists (courses, scenarios,
// other programmes). A rule that could never be met is refused with a message saying why.

import { m } from '../../paraglide/messages';
import { formatDigits } from '../../i18n/format';

export interface CallRequirement {
	/** How many qualifying calls are needed (each call may count towards several requirements). */
	count: number;
	/** Minimum final call score, 0–100. */
	minScore: number;
	/** Minimum CRM record accuracy of each qualifying call, 0–100; null = no condition. */
	minRecordAccuracy: number | null;
	/** Only calls from angry-caller scenarios qualify. */
	angryOnly: boolean;
	/** Only calls from these scenarios qualify; empty = any scenario. */
	scenarios: string[];
}

export interface RecertificationRules {
	/** Required courses that must be passed again after the re-certification window opens. */
	courses: string[];
	/** Whether the call requirements must be met again with calls made after the window opens. */
	calls: boolean;
}

export interface ProgrammeRules {
	/** Course slugs; each must be passed at the course's own pass mark. */
	courses: string[];
	calls: CallRequirement[];
	/** Programme slugs whose certificate must be in force first (phases). */
	prerequisites: string[];
	/** Months a certificate stays valid; null = it never expires. */
	validityMonths: number | null;
	recertify: RecertificationRules;
}

export interface ProgrammeDefinition {
	slug: string;
	title: string;
	rules: ProgrammeRules;
}

/** What exists, so rules can be checked for being satisfiable. */
export interface RuleCatalogue {
	courses: { slug: string; title: string }[];
	scenarios: { slug: string; title: string; angryStart: boolean }[];
	/** Every programme (the one being validated may be included; its stored version is ignored). */
	programmes: { slug: string; title: string; prerequisites: string[] }[];
}

export interface RuleProblem {
	/** Dotted path of the offending field, e.g. "calls.0.minScore" (matches form field names). */
	path: string;
	message: string;
}

export const MAX_VALIDITY_MONTHS = 120;
export const MAX_CALL_COUNT = 50;

/** The words for one percentage condition: out of range, and above 100 (which no call can reach). */
interface PercentageWords {
	range: () => string;
	unreachable: (inputs: { value: string }) => string;
}
const MIN_SCORE_WORDS: PercentageWords = { range: m.programme_min_score_range, unreachable: m.programme_min_score_unreachable };
const MIN_ACCURACY_WORDS: PercentageWords = { range: m.programme_min_accuracy_range, unreachable: m.programme_min_accuracy_unreachable };

function checkPercentage(value: number | null, path: string, words: PercentageWords, problems: RuleProblem[]) {
	if (value === null) return;
	if (!Number.isFinite(value) || value < 0) {
		problems.push({ path, message: words.range() });
	} else if (value > 100) {
		problems.push({ path, message: words.unreachable({ value: formatDigits(value) }) });
	}
}

/** Returns every reason the programme is invalid or could never be met; empty = fine. */
export function validateProgramme(def: ProgrammeDefinition, catalogue: RuleCatalogue): RuleProblem[] {
	const problems: RuleProblem[] = [];
	const { rules } = def;
	const courseSlugs = new Set(catalogue.courses.map((c) => c.slug));
	const scenarioBySlug = new Map(catalogue.scenarios.map((s) => [s.slug, s]));

	if (!def.title.trim()) problems.push({ path: 'title', message: m.programme_enter_title() });
	if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(def.slug)) {
		problems.push({
			path: 'slug',
			message: m.programme_slug_chars()
		});
	}

	if (rules.courses.length === 0 && rules.calls.length === 0) {
		problems.push({
			path: 'courses',
			message: m.programme_needs_requirement()
		});
	}

	const seenCourses = new Set<string>();
	rules.courses.forEach((slug, i) => {
		if (!courseSlugs.has(slug)) {
			problems.push({
				path: `courses.${i}`,
				message: m.programme_course_missing({ slug })
			});
		}
		if (seenCourses.has(slug)) {
			problems.push({ path: `courses.${i}`, message: m.programme_course_twice({ slug }) });
		}
		seenCourses.add(slug);
	});

	rules.calls.forEach((req, i) => {
		const at = `calls.${i}`;
		if (!Number.isInteger(req.count) || req.count < 1) {
			problems.push({ path: `${at}.count`, message: m.programme_call_count_min() });
		} else if (req.count > MAX_CALL_COUNT) {
			problems.push({ path: `${at}.count`, message: m.assign_calls_max({ max: formatDigits(MAX_CALL_COUNT) }) });
		}
		checkPercentage(req.minScore, `${at}.minScore`, MIN_SCORE_WORDS, problems);
		checkPercentage(req.minRecordAccuracy, `${at}.minRecordAccuracy`, MIN_ACCURACY_WORDS, problems);

		const unknown = req.scenarios.filter((s) => !scenarioBySlug.has(s));
		for (const slug of unknown) {
			problems.push({
				path: `${at}.scenarios`,
				message: m.programme_scenario_missing({ slug })
			});
		}
		if (req.angryOnly && unknown.length === 0) {
			const pool = req.scenarios.length
				? req.scenarios.map((s) => scenarioBySlug.get(s)!)
				: catalogue.scenarios;
			if (!pool.some((s) => s.angryStart)) {
				problems.push({
					path: `${at}.angryOnly`,
					message: req.scenarios.length
						? m.programme_no_angry_chosen()
						: m.programme_no_angry_any()
				});
			}
		}
	});

	if (rules.validityMonths !== null) {
		if (!Number.isInteger(rules.validityMonths) || rules.validityMonths < 1 || rules.validityMonths > MAX_VALIDITY_MONTHS) {
			problems.push({
				path: 'validityMonths',
				message: m.programme_validity_range({ max: formatDigits(MAX_VALIDITY_MONTHS) })
			});
		}
	}

	rules.recertify.courses.forEach((slug, i) => {
		if (!rules.courses.includes(slug)) {
			problems.push({
				path: `recertify.courses.${i}`,
				message: m.programme_recertify_not_required({ slug })
			});
		}
	});
	if (rules.recertify.calls && rules.calls.length === 0) {
		problems.push({
			path: 'recertify.calls',
			message: m.programme_recertify_no_calls()
		});
	}

	problems.push(...checkPrerequisites(def, catalogue));
	return problems;
}

function checkPrerequisites(def: ProgrammeDefinition, catalogue: RuleCatalogue): RuleProblem[] {
	const problems: RuleProblem[] = [];
	const graph = new Map(catalogue.programmes.map((p) => [p.slug, p.prerequisites]));
	graph.set(def.slug, def.rules.prerequisites);
	const titles = new Map(catalogue.programmes.map((p) => [p.slug, p.title]));
	titles.set(def.slug, def.title);

	def.rules.prerequisites.forEach((slug, i) => {
		if (slug === def.slug) {
			problems.push({ path: `prerequisites.${i}`, message: m.programme_requires_itself() });
		} else if (!graph.has(slug)) {
			problems.push({
				path: `prerequisites.${i}`,
				message: m.programme_prerequisite_missing({ slug })
			});
		}
	});
	if (problems.length) return problems;

	const cycle = findCycleThrough(def.slug, graph);
	if (cycle) {
		problems.push({
			path: 'prerequisites',
			message: m.programme_prerequisite_cycle({ cycle: cycle.map((s) => titles.get(s) ?? s).join(' → ') })
		});
	}
	return problems;
}

/** A prerequisite path start → … → start, or null. */
function findCycleThrough(start: string, graph: Map<string, string[]>): string[] | null {
	const visited = new Set<string>();
	const walk = (slug: string, path: string[]): string[] | null => {
		for (const next of graph.get(slug) ?? []) {
			if (next === start) return [...path, next];
			if (visited.has(next)) continue;
			visited.add(next);
			const found = walk(next, [...path, next]);
			if (found) return found;
		}
		return null;
	};
	return walk(start, [start]);
}

/**
 * Orders programmes so each comes after its prerequisites (phases first). Programmes caught in a
 * cycle (which validation refuses, but stored data is not trusted blindly) are left out.
 */
export function orderByPhases<T extends { slug: string; rules: Pick<ProgrammeRules, 'prerequisites'> }>(
	programmes: T[]
): T[] {
	const bySlug = new Map(programmes.map((p) => [p.slug, p]));
	const ordered: T[] = [];
	const state = new Map<string, 'visiting' | 'done' | 'cyclic'>();
	const visit = (p: T): boolean => {
		const s = state.get(p.slug);
		if (s === 'done') return true;
		if (s === 'visiting' || s === 'cyclic') return false;
		state.set(p.slug, 'visiting');
		let ok = true;
		for (const pre of p.rules.prerequisites) {
			const dep = bySlug.get(pre);
			if (dep && !visit(dep)) ok = false;
		}
		state.set(p.slug, ok ? 'done' : 'cyclic');
		if (ok) ordered.push(p);
		return ok;
	};
	programmes.forEach(visit);
	return ordered;
}

/** Human wording of a call requirement, e.g. "3 calls scoring ≥ 75 with record accuracy ≥ 80". */
export function describeCallRequirement(
	req: CallRequirement,
	scenarioTitle: (slug: string) => string = (s) => s
): string {
	const one = req.count === 1;
	const message = req.angryOnly ? (one ? m.req_angry_calls_one : m.req_angry_calls_other) : one ? m.req_calls_one : m.req_calls_other;
	let text: string = message({ count: formatDigits(req.count), min: formatDigits(req.minScore) });
	if (req.minRecordAccuracy !== null) text += m.req_with_accuracy({ min: formatDigits(req.minRecordAccuracy) });
	if (req.scenarios.length) text += m.req_in_scenarios({ scenarios: req.scenarios.map(scenarioTitle).join(m.req_or()) });
	return text;
}
