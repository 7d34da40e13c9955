// The ONLY place that reads the courses and simulator modules: turns their completions and call
// results into the rule engine's TraineeEvidence, and lists what exists for rule validation.
import type { CallEvidence, TraineeEvidence } from '$lib/domain/certification/evidence';
import type { RuleCatalogue } from '$lib/domain/certification/rules';

export type EvidenceCatalogue = Omit<RuleCatalogue, 'programmes'>;

export async function loadEvidence(userId: number): Promise<TraineeEvidence> {
	return (await loadEvidenceForUsers([userId])).get(userId) ?? { courses: [], calls: [] };
}

export async function loadEvidenceForUsers(userIds: number[]): Promise<Map<number, TraineeEvidence>> {
	return new Map(userIds.map((id) => [id, { courses: [], calls: [] as CallEvidence[] }]));
}

export async function loadEvidenceCatalogue(): Promise<EvidenceCatalogue> {
	return { courses: [], scenarios: [] };
}

export interface CallAwaitingReview {
	id: string;
	userId: number;
	traineeName: string;
	scenarioTitle: string;
	total: number | null;
	endedAt: Date | null;
	href: string;
}

/** Calls of these trainees that a trainer has not reviewed yet, oldest first. */
export async function loadCallsAwaitingReview(userIds: number[]): Promise<CallAwaitingReview[]> {
	void userIds;
	return [];
}
