// What a trainee has done, as the certification rules see it. Filled by the server adapter
// (src/lib/server/certification/evidence.ts) from the courses and simulator modules.

export interface CourseEvidence {
	slug: string;
	/** Passed at the course's own pass mark. */
	passed: boolean;
	/** When the course was (most recently) passed; null when not passed. */
	completedAt: Date | null;
	/** Best quiz score, 0–100, when known. */
	bestScore: number | null;
}

export interface CallEvidence {
	id: string;
	scenarioSlug: string;
	angryStart: boolean;
	/** Final total 0–100, after any trainer override. */
	total: number;
	/** Section scores 0–100 keyed by section (e.g. record, etiquette, deescalation). */
	sections: Record<string, number>;
	/** Accuracy of the CRM record entered during the call, 0–100; null when the call had no record. */
	recordAccuracy: number | null;
	endedAt: Date;
	handleSeconds: number;
	acwSeconds: number;
	holdSeconds: number;
	resolvedFirstContact: boolean | null;
}

export interface TraineeEvidence {
	courses: CourseEvidence[];
	calls: CallEvidence[];
}

/** A certificate the trainee holds (or held), as the rule engine needs it. */
export interface HeldCertificate {
	programmeSlug: string;
	cycle: number;
	issuedAt: Date;
	expiresAt: Date | null;
	revokedAt: Date | null;
}
