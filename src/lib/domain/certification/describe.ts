// Words for requirements and states, shared by dashboards, reports, CSV and PDF (one source of truth).
import type { ProgrammeState, RequirementProgress } from './evaluate';
import { describeCallRequirement, type RuleCatalogue } from './rules';

export const PROGRAMME_STATE_LABELS: Record<ProgrammeState, string> = {
	'in-progress': 'In progress',
	eligible: 'Ready to issue',
	certified: 'Certified',
	'renewal-due': 'Renewal due',
	expired: 'Expired',
	revoked: 'Revoked'
};

export type Names = Pick<RuleCatalogue, 'courses' | 'scenarios'> & { programmes: { slug: string; title: string }[] };

/** The title of `slug` in `list`; the slug itself when it is not there (a course or scenario since removed). */
export const titleOf = (list: { slug: string; title: string }[], slug: string): string => list.find((x) => x.slug === slug)?.title ?? slug;

export function describeRequirement(item: RequirementProgress, names: Names): string {
	switch (item.kind) {
		case 'course':
			return `Pass the course “${titleOf(names.courses, item.courseSlug)}”`;
		case 'prerequisite':
			return `Hold the “${titleOf(names.programmes, item.programmeSlug)}” certificate`;
		case 'calls':
			return describeCallRequirement(item.requirement, (s) => titleOf(names.scenarios, s));
	}
}

/** "2 of 3 calls", "0 of 1 course" — the visual counter's text. */
export function counterText(item: RequirementProgress): string {
	const unit = item.kind === 'calls' ? 'call' : item.kind === 'course' ? 'course' : 'certificate';
	return `${item.done} of ${item.required} ${unit}${item.required === 1 ? '' : 's'}`;
}
