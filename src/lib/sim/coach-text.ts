// The live coach's words in the reader's language. The scorer (src/lib/scoring/coaching.ts) decides what to say and
// keeps an English text; this maps its cue kinds, numbers and item codes to messages/*.json at the edge.
import type { EtiquetteItem } from '$lib/domain/call/score-sections';
import type { CoachingCue, CoachingItem } from '$lib/scoring/coaching';
import { formatInteger } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';
import { fieldLabel, findingText, recordSectionLabel } from './score-labels';

/** What the coach needs of the scenario to word its hints. */
export interface CoachScenario {
	company: string;
	holdLimitSeconds: number;
	callbackNumber?: string | null;
}

/** "Interaction log: Channel, Notes; Ticket: Subject" in the reader's language. */
function groupedFields(fields: NonNullable<CoachingCue['fields']>): string {
	const groups = new Map<string, string[]>();
	for (const f of fields) {
		const section = recordSectionLabel(f.section);
		groups.set(section, [...(groups.get(section) ?? []), fieldLabel(f.field, f.label)]);
	}
	return [...groups].map(([section, labels]) => `${section}: ${labels.join(', ')}`).join('; ');
}

export function cueText(cue: CoachingCue): string {
	switch (cue.kind) {
		case 'deadAir':
			if (cue.seconds === undefined) return cue.message;
			return (cue.counts ? m.coach_cue_dead_air : m.coach_cue_silence)({ seconds: formatInteger(cue.seconds) });
		case 'overtalk':
			return m.coach_cue_overtalk();
		case 'blame':
			return cue.phrase === undefined ? cue.message : m.coach_cue_blame({ phrase: cue.phrase });
		case 'emptyField':
			if (!cue.fields) return cue.message;
			return (cue.ended ? m.coach_cue_still_empty : m.coach_cue_fill_before_end)({ fields: groupedFields(cue.fields) });
	}
}

const OPEN_HINTS: Record<EtiquetteItem, (s: CoachScenario) => string> = {
	greeting: (s) => m.coach_hint_greeting({ company: s.company }),
	identityBeforeDisclosure: () => m.coach_hint_identity(),
	holdPermission: () => m.coach_hint_hold_permission(),
	holdLimit: (s) => m.coach_hint_hold_limit({ seconds: formatInteger(s.holdLimitSeconds) }),
	deadAir: () => m.coach_hint_dead_air(),
	summary: () => m.coach_hint_summary(),
	furtherHelp: () => m.coach_hint_further_help(),
	politeClose: () => m.coach_hint_polite_close(),
	respectfulAddress: () => m.coach_hint_respectful_address(),
	voicemailMessage: (s) => m.coach_hint_voicemail({ company: s.company, number: s.callbackNumber ?? m.coach_hint_voicemail_no_number() }),
	wrongNumberApology: () => m.coach_hint_wrong_number()
};

/**
 * A checklist item's note in the reader's language: what to do while it is open, else what was met or missed.
 */
export function checklistNote(item: CoachingItem, scenario: CoachScenario | undefined): string {
	return item.status === 'open' ? (scenario ? OPEN_HINTS[item.item](scenario) : item.message) : findingText(item);
}
