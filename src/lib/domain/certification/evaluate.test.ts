import { describe, expect, it } from 'vitest';
import type { CallEvidence, HeldCertificate, TraineeEvidence } from './evidence';
import { evaluateAll, evaluateProgramme, recertificationPlan } from './evaluate';
import type { CallRequirement, ProgrammeDefinition, ProgrammeRules } from './rules';

const NOW = new Date('2026-06-15T12:00:00Z');
const day = (offset: number) => new Date(NOW.getTime() + offset * 86_400_000);

const call = (over: Partial<CallEvidence> = {}): CallEvidence => ({
	id: over.id ?? `c${Math.random().toString(36).slice(2, 8)}`,
	scenarioSlug: 'polite-address-change',
	angryStart: false,
	total: 80,
	sections: {},
	recordAccuracy: 90,
	endedAt: day(-10),
	handleSeconds: 300,
	acwSeconds: 60,
	holdSeconds: 0,
	resolvedFirstContact: true,
	...over
});
const passed = (slug: string, completedAt = day(-20)) => ({ slug, passed: true, completedAt, bestScore: 90 });
const req = (over: Partial<CallRequirement> = {}): CallRequirement => ({
	count: 3,
	minScore: 75,
	minRecordAccuracy: 80,
	angryOnly: false,
	scenarios: [],
	...over
});
const programme = (slug: string, rules: Partial<ProgrammeRules> = {}): ProgrammeDefinition => ({
	slug,
	title: slug,
	rules: {
		courses: ['crm-basics'],
		calls: [req(), req({ count: 1, angryOnly: true, minRecordAccuracy: null })],
		prerequisites: [],
		validityMonths: 12,
		recertify: { courses: [], calls: true },
		...rules
	}
});
const cert = (programmeSlug: string, over: Partial<HeldCertificate> = {}): HeldCertificate => ({
	programmeSlug,
	cycle: 1,
	issuedAt: day(-100),
	expiresAt: day(265),
	revokedAt: null,
	...over
});

const level1 = programme('level-1');
// Work done long before a certificate that expired 5 days ago (its renewal window opened 35 days ago).
const oldEvidence: TraineeEvidence = {
	courses: [passed('crm-basics', day(-200))],
	calls: [call({ endedAt: day(-50) }), call({ endedAt: day(-60) }), call({ endedAt: day(-70), angryStart: true })]
};
const fullEvidence: TraineeEvidence = {
	courses: [passed('crm-basics')],
	calls: [call({ total: 90 }), call({ total: 76 }), call({ total: 75, angryStart: true, scenarioSlug: 'angry-billing' })]
};

describe('evaluateProgramme', () => {
	const cases: {
		name: string;
		evidence: TraineeEvidence;
		held?: HeldCertificate[];
		programme?: ProgrammeDefinition;
		state: string;
		eligible: boolean;
		counters?: [string, number, number][];
	}[] = [
		{
			name: 'nothing done yet: every counter at zero',
			evidence: { courses: [], calls: [] },
			state: 'in-progress',
			eligible: false,
			counters: [['course:crm-basics', 0, 1], ['calls:0', 0, 3], ['calls:1', 0, 1]]
		},
		{
			name: 'all met with exactly the thresholds (75 counts as ≥ 75)',
			evidence: fullEvidence,
			state: 'eligible',
			eligible: true,
			counters: [['course:crm-basics', 1, 1], ['calls:0', 3, 3], ['calls:1', 1, 1]]
		},
		{
			name: 'a failed course does not count',
			evidence: { ...fullEvidence, courses: [{ slug: 'crm-basics', passed: false, completedAt: null, bestScore: 40 }] },
			state: 'in-progress',
			eligible: false,
			counters: [['course:crm-basics', 0, 1]]
		},
		{
			name: 'a call at 74 is one short',
			evidence: { ...fullEvidence, calls: [...fullEvidence.calls.slice(0, 2), call({ total: 74, angryStart: true })] },
			state: 'in-progress',
			eligible: false,
			counters: [['calls:0', 2, 3], ['calls:1', 0, 1]]
		},
		{
			name: 'low record accuracy disqualifies a high-scoring call',
			evidence: { ...fullEvidence, calls: [...fullEvidence.calls.slice(1), call({ total: 99, recordAccuracy: 79 })] },
			state: 'in-progress',
			eligible: false,
			counters: [['calls:0', 2, 3]]
		},
		{
			name: 'a call without a CRM record fails a record-accuracy condition',
			evidence: { ...fullEvidence, calls: [...fullEvidence.calls.slice(1), call({ recordAccuracy: null })] },
			state: 'in-progress',
			eligible: false,
			counters: [['calls:0', 2, 3]]
		},
		{
			name: 'no angry-caller call yet',
			evidence: { ...fullEvidence, calls: [call(), call(), call()] },
			state: 'in-progress',
			eligible: false,
			counters: [['calls:0', 3, 3], ['calls:1', 0, 1]]
		},
		{
			name: 'extra calls are capped in the counter',
			evidence: { ...fullEvidence, calls: [...fullEvidence.calls, call(), call()] },
			state: 'eligible',
			eligible: true,
			counters: [['calls:0', 3, 3]]
		},
		{
			name: 'scenario filter only counts listed scenarios',
			programme: programme('p', { calls: [req({ count: 1, scenarios: ['angry-billing'], minRecordAccuracy: null })] }),
			evidence: { courses: [passed('crm-basics')], calls: [call({ total: 100 })] },
			state: 'in-progress',
			eligible: false,
			counters: [['calls:0', 0, 1]]
		},
		{
			name: 'valid certificate: certified, nothing to issue',
			evidence: fullEvidence,
			held: [cert('level-1')],
			state: 'certified',
			eligible: false
		},
		{
			name: 'certificate that never expires stays certified',
			evidence: { courses: [], calls: [] },
			held: [cert('level-1', { expiresAt: null, issuedAt: day(-4000) })],
			state: 'certified',
			eligible: false
		},
		{
			name: 'revoked certificate blocks automatic re-issue even when rules are met',
			evidence: fullEvidence,
			held: [cert('level-1', { revokedAt: day(-1) })],
			state: 'revoked',
			eligible: false
		},
		{
			name: 'expired: old calls no longer count when calls must be redone',
			evidence: oldEvidence,
			held: [cert('level-1', { issuedAt: day(-400), expiresAt: day(-5) })],
			state: 'expired',
			eligible: false,
			counters: [['course:crm-basics', 1, 1], ['calls:0', 0, 3], ['calls:1', 0, 1]]
		},
		{
			name: 'expired: calls redone after the window opened re-certify',
			evidence: {
				courses: [passed('crm-basics', day(-500))],
				calls: [call({ endedAt: day(-1) }), call({ endedAt: day(-2) }), call({ endedAt: day(-3), angryStart: true })]
			},
			held: [cert('level-1', { issuedAt: day(-400), expiresAt: day(-5) })],
			state: 'eligible',
			eligible: true
		},
		{
			name: 'expiring within 30 days: renewal due, window counts recent calls',
			evidence: { courses: [passed('crm-basics', day(-300))], calls: [call({ endedAt: day(-1) })] },
			held: [cert('level-1', { issuedAt: day(-345), expiresAt: day(20) })],
			state: 'renewal-due',
			eligible: false,
			counters: [['calls:0', 1, 3]]
		},
		{
			name: 'renewing early: calls redone inside the window issue the next cycle before expiry',
			evidence: {
				courses: [passed('crm-basics', day(-300))],
				calls: [call({ endedAt: day(-1) }), call({ endedAt: day(-2) }), call({ endedAt: day(-3), angryStart: true })]
			},
			held: [cert('level-1', { issuedAt: day(-345), expiresAt: day(20) })],
			state: 'eligible',
			eligible: true
		},
		{
			name: 'expired with a course to redo: an old pass does not count',
			programme: programme('level-1', { recertify: { courses: ['crm-basics'], calls: false } }),
			evidence: oldEvidence,
			held: [cert('level-1', { issuedAt: day(-400), expiresAt: day(-5) })],
			state: 'expired',
			eligible: false,
			counters: [['course:crm-basics', 0, 1], ['calls:0', 3, 3]]
		},
		{
			name: 'expired with nothing to redo: re-certifies on the existing work',
			programme: programme('level-1', { recertify: { courses: [], calls: false } }),
			evidence: oldEvidence,
			held: [cert('level-1', { issuedAt: day(-400), expiresAt: day(-5) })],
			state: 'eligible',
			eligible: true
		},
		{
			name: 'phase: prerequisite programme not held',
			programme: programme('deesc', { prerequisites: ['level-1'] }),
			evidence: fullEvidence,
			state: 'in-progress',
			eligible: false,
			counters: [['pre:level-1', 0, 1]]
		},
		{
			name: 'phase: prerequisite held and in force',
			programme: programme('deesc', { prerequisites: ['level-1'] }),
			evidence: fullEvidence,
			held: [cert('level-1')],
			state: 'eligible',
			eligible: true,
			counters: [['pre:level-1', 1, 1]]
		},
		{
			name: 'phase: an expired prerequisite does not count',
			programme: programme('deesc', { prerequisites: ['level-1'] }),
			evidence: fullEvidence,
			held: [cert('level-1', { expiresAt: day(-1) })],
			state: 'in-progress',
			eligible: false,
			counters: [['pre:level-1', 0, 1]]
		},
		{
			name: 'phase: a revoked prerequisite does not count',
			programme: programme('deesc', { prerequisites: ['level-1'] }),
			evidence: fullEvidence,
			held: [cert('level-1', { revokedAt: day(-1) })],
			state: 'in-progress',
			eligible: false
		}
	];

	it.each(cases)('$name', ({ evidence, held = [], programme: p = level1, state, eligible, counters = [] }) => {
		const result = evaluateProgramme(p, evidence, held, NOW);
		expect(result.state).toBe(state);
		expect(result.eligible).toBe(eligible);
		for (const [key, done, required] of counters) {
			const item = result.items.find((i) => i.key === key);
			expect(item, key).toBeDefined();
			expect([item!.done, item!.required], key).toEqual([done, required]);
		}
	});

	it('counts listed requirements, so "n of m" matches the list beside it (not summed call counts)', () => {
		const result = evaluateProgramme(level1, { courses: [passed('crm-basics')], calls: [call()] }, [], NOW);
		expect(result.required).toBe(result.items.length);
		expect(result.done).toBe(result.items.filter((i) => i.met).length);
		expect(result.done).toBeLessThanOrEqual(result.required);
	});

	it('lists the qualifying calls best first', () => {
		const result = evaluateProgramme(level1, fullEvidence, [], NOW);
		const calls = result.items.find((i) => i.key === 'calls:0');
		expect(calls?.kind === 'calls' && calls.callIds).toEqual(fullEvidence.calls.map((c) => c.id));
	});

	it('names the next cycle after an expired certificate', () => {
		const result = evaluateProgramme(level1, fullEvidence, [cert('level-1', { cycle: 2, expiresAt: day(-1) })], NOW);
		expect(result.nextCycle).toBe(3);
		expect(result.current?.status).toBe('expired');
	});
});

describe('evaluateAll', () => {
	const deesc = programme('deesc', {
		prerequisites: ['level-1'],
		courses: [],
		calls: [req({ count: 1, angryOnly: true, minScore: 75, minRecordAccuracy: null })]
	});

	it('issues both phases in one pass, the prerequisite first', () => {
		const { issue } = evaluateAll([deesc, level1], fullEvidence, [], NOW);
		expect(issue).toEqual([
			{ programmeSlug: 'level-1', cycle: 1 },
			{ programmeSlug: 'deesc', cycle: 1 }
		]);
	});

	it('issues nothing already held', () => {
		const { issue } = evaluateAll([deesc, level1], fullEvidence, [cert('level-1'), cert('deesc')], NOW);
		expect(issue).toEqual([]);
	});

	it('does not issue a later phase when the first is not met', () => {
		const { issue, evaluations } = evaluateAll([deesc, level1], { ...fullEvidence, courses: [] }, [], NOW);
		expect(issue).toEqual([]);
		expect(evaluations.map((e) => e.programmeSlug)).toEqual(['level-1', 'deesc']);
	});

	it('skips programmes caught in a prerequisite cycle instead of looping', () => {
		const a = programme('a', { prerequisites: ['b'] });
		const b = programme('b', { prerequisites: ['a'] });
		const { evaluations, issue } = evaluateAll([a, b, level1], fullEvidence, [], NOW);
		expect(evaluations.map((e) => e.programmeSlug)).toEqual(['level-1']);
		expect(issue).toEqual([{ programmeSlug: 'level-1', cycle: 1 }]);
	});
});

describe('recertificationPlan', () => {
	it('lists the courses and call requirements to redo', () => {
		const p = programme('p', { courses: ['crm-basics', 'etiquette'], recertify: { courses: ['etiquette'], calls: true } });
		expect(recertificationPlan(p)).toEqual({ courses: ['etiquette'], calls: p.rules.calls });
	});
	it('is empty when nothing must be redone', () => {
		const p = programme('p', { recertify: { courses: [], calls: false } });
		expect(recertificationPlan(p)).toEqual({ courses: [], calls: [] });
	});
});
