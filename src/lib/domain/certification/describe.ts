// Words for requirements and states, shared by dashboards, reports, CSV and PDF (one source of truth).
import type { ProgrammeState, RequirementProgress } from './evaluate';
import { describeCallRequirement, type RuleCatalogue } from './rules';
import { m } from '../../paraglide/messages';
import { formatDigits } from '../../i18n/format';

/** Getters over messages/*.json: reading one gives the current interface language. */
export const PROGRAMME_STATE_LABELS: Record<ProgrammeState, string> = {
	get 'in-progress'() {
		return m.programme_state_in_progress();
	},
	get eligible() {
		return m.programme_state_eligible();
	},
	get certified() {
		return m.programme_state_certified();
	},
	get 'renewal-due'() {
		return m.programme_state_renewal_due();
	},
	get expired() {
		return m.programme_state_expired();
	},
	get revoked() {
		return m.programme_state_revoked();
	}
};

export type Names = Pick<RuleCatalogue, 'courses' | 'scenarios'> & { programmes: { slug: string; title: string }[] };

/** The title of `slug` in `list`; the slug itself when it is not there (a course or scenario since removed). */
export const titleOf = (list: { slug: string; title: string }[], slug: string): string => list.find((x) => x.slug === slug)?.title ?? slug;

export function describeRequirement(item: RequirementProgress, names: Names): string {
	switch (item.kind) {
		case 'course':
			return m.req_course({ course: titleOf(names.courses, item.courseSlug) });
		case 'prerequisite':
			return m.req_prerequisite({ programme: titleOf(names.programmes, item.programmeSlug) });
		case 'calls':
			return describeCallRequirement(item.requirement, (s) => titleOf(names.scenarios, s));
	}
}

/** "2 of 3 calls", "0 of 1 course" — the visual counter's text. */
export function counterText(item: RequirementProgress): string {
	const one = item.required === 1;
	const message =
		item.kind === 'calls'
			? one ? m.counter_calls_one : m.counter_calls_other
			: item.kind === 'course'
				? one ? m.counter_course_one : m.counter_course_other
				: one ? m.counter_certificate_one : m.counter_certificate_other;
	return message({ done: formatDigits(item.done), required: formatDigits(item.required) });
}
