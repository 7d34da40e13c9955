// Demo trainees whose finished work the certification demo seeds (plain data: the e2e tests import it).
export const CERT_DEMO_TRAINEES = {
	/** Has done everything for Level 1 except reading the last lesson of "Telephone etiquette". */
	ready: 'chris',
	/** Same, used by the parallel-issuance journey. */
	race: 'dana',
	/** Part-way: one course passed and two qualifying calls, for a dashboard with counters in progress. */
	partial: 'eli'
} as const;
