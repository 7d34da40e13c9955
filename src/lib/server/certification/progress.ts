// Progress towards every programme for one or many trainees, in the shape dashboards, reports and
// the CSV export show (labels, counters, current certificate). Evaluation only — issuing is auto-issue.ts.
import { inArray } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { certificates } from '$lib/server/db/schema/certification';
import { evaluateAll, type ProgrammeEvaluation, type ProgrammeState } from '$lib/domain/certification/evaluate';
import type { TraineeEvidence } from '$lib/domain/certification/evidence';
import { counterText, describeRequirement, PROGRAMME_STATE_LABELS, titleOf, type Names } from '$lib/domain/certification/describe';
import { describeCallRequirement } from '$lib/domain/certification/rules';
import type { CertificateStatus } from '$lib/domain/certification/status';
import { heldCertificates, programmeDefinition, type CertificateRow, type ProgrammeRow } from './issue';
import { listProgrammes } from './programmes';
import { loadEvidenceCatalogue, loadEvidenceForUsers } from './evidence';

export interface RequirementView {
	key: string;
	kind: 'course' | 'calls' | 'prerequisite';
	label: string;
	counter: string;
	done: number;
	required: number;
	met: boolean;
	redo: boolean;
	/** Course or programme slug the requirement points at (null for calls). */
	ref: string | null;
}

export interface ProgrammeProgress {
	slug: string;
	title: string;
	description: string;
	state: ProgrammeState;
	stateLabel: string;
	done: number;
	required: number;
	percent: number;
	items: RequirementView[];
	/** Evidence for re-certification counts from here (null = not re-certifying). */
	since: Date | null;
	/** What re-certification asks to redo, in words. */
	recertify: string[];
	current: { id: number; code: string; status: CertificateStatus; issuedAt: Date; expiresAt: Date | null; revokedReason: string | null } | null;
}

export function progressNames(programmeRows = listProgrammes()): Names {
	const { courses, scenarios } = loadEvidenceCatalogue();
	return { courses, scenarios, programmes: programmeRows.map((p) => ({ slug: p.slug, title: p.title })) };
}

function toView(
	evaluation: ProgrammeEvaluation,
	programme: ProgrammeRow,
	certs: CertificateRow[],
	names: Names
): ProgrammeProgress {
	const latest = certs
		.filter((c) => c.programmeId === programme.id)
		.sort((a, b) => b.cycle - a.cycle)[0];
	const { rules } = programme;
	return {
		slug: programme.slug,
		title: programme.title,
		description: programme.description,
		state: evaluation.state,
		stateLabel: PROGRAMME_STATE_LABELS[evaluation.state],
		done: evaluation.done,
		required: evaluation.required,
		percent: evaluation.required ? Math.round((evaluation.done * 100) / evaluation.required) : 0,
		items: evaluation.items.map((item) => ({
			key: item.key,
			kind: item.kind,
			label: describeRequirement(item, names),
			counter: counterText(item),
			done: item.done,
			required: item.required,
			met: item.met,
			redo: item.redo,
			ref: item.kind === 'course' ? item.courseSlug : item.kind === 'prerequisite' ? item.programmeSlug : null
		})),
		since: evaluation.since,
		recertify: [
			...rules.recertify.courses.map((s) => `Pass “${titleOf(names.courses, s)}” again`),
			...(rules.recertify.calls
				? rules.calls.map((c) => describeCallRequirement(c, (s) => titleOf(names.scenarios, s)) + ' again')
				: [])
		],
		current:
			latest && evaluation.current
				? {
						id: latest.id,
						code: latest.code,
						status: evaluation.current.status,
						issuedAt: latest.issuedAt,
						expiresAt: latest.expiresAt,
						revokedReason: latest.revokedReason
					}
				: null
	};
}

export interface TraineeProgress {
	userId: number;
	evidence: TraineeEvidence;
	programmes: ProgrammeProgress[];
}

/** Progress of many trainees at once: programmes, certificates and each kind of evidence in one query each. */
export function progressForUsers(userIds: number[], now = new Date()): { trainees: TraineeProgress[]; names: Names; programmes: ProgrammeRow[] } {
	const programmeRows = listProgrammes();
	const names = progressNames(programmeRows);
	const evidence = loadEvidenceForUsers(userIds);
	const certRows = userIds.length ? db.select().from(certificates).where(inArray(certificates.userId, userIds)).all() : [];
	const defs = programmeRows.map(programmeDefinition);
	const certsByUser = new Map<number, CertificateRow[]>();
	for (const c of certRows) {
		const list = certsByUser.get(c.userId);
		if (list) list.push(c);
		else certsByUser.set(c.userId, [c]);
	}
	const trainees = userIds.map((userId) => {
		const ev = evidence.get(userId) ?? { courses: [], calls: [] };
		const certs = certsByUser.get(userId) ?? [];
		const { evaluations } = evaluateAll(defs, ev, heldCertificates(certs, programmeRows), now);
		const byProgramme = new Map(evaluations.map((e) => [e.programmeSlug, e]));
		return {
			userId,
			evidence: ev,
			programmes: programmeRows
				.filter((p) => byProgramme.has(p.slug))
				.map((p) => toView(byProgramme.get(p.slug)!, p, certs, names))
		};
	});
	return { trainees, names, programmes: programmeRows };
}

export function progressFor(userId: number, now = new Date()) {
	const { trainees, names } = progressForUsers([userId], now);
	return { ...trainees[0], names };
}
