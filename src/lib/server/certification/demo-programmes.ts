// The two demo programmes as plain data (the seed inserts them; the verify benchmark reads them).
import type { ProgrammeRules } from '../../domain/certification/rules';

export const DEMO_PROGRAMMES: { slug: string; title: string; description: string; rules: ProgrammeRules }[] = [
	{
		slug: 'crm-call-handling-level-1',
		title: 'CRM Call Handling — Level 1',
		description:
			'The foundation for every agent: keep clean CRM records and handle calls professionally, including an angry caller.',
		rules: {
			courses: ['working-in-the-crm', 'telephone-etiquette'],
			calls: [
				{ count: 3, minScore: 75, minRecordAccuracy: 80, angryOnly: false, scenarios: [] },
				{ count: 1, minScore: 75, minRecordAccuracy: null, angryOnly: true, scenarios: [] }
			],
			prerequisites: [],
			validityMonths: 12,
			recertify: { courses: [], calls: true }
		}
	},
	{
		slug: 'de-escalation-specialist',
		title: 'De-escalation Specialist',
		description: 'Phase two after Level 1: calm angry callers reliably while keeping the record accurate.',
		rules: {
			courses: ['anger-control-and-de-escalation'],
			calls: [{ count: 2, minScore: 80, minRecordAccuracy: 80, angryOnly: true, scenarios: [] }],
			prerequisites: ['crm-call-handling-level-1'],
			validityMonths: 12,
			recertify: { courses: ['anger-control-and-de-escalation'], calls: true }
		}
	}
];
