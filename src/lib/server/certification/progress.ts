// Progress towards every programme for one or many trainees, in the shape dashboards, reports and
// the CSV export show (labels, counters, current certificate). Evaluation only — issuing is auto-issue.ts.
import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { db, sqlite } from '$lib/server/db';
import { inIds } from '$lib/server/db/in-ids';
import { lazy } from '$lib/server/db/lazy';
import { certificates, programmeProgress, programmes as programmesTable } from '$lib/server/db/schema/certification';
import { userRoles, users } from '$lib/server/db/schema/users';
import { courseVersions } from '$lib/server/db/schema/courses';
import { evaluateAll, type ProgrammeEvaluation, type ProgrammeState } from '$lib/domain/certification/evaluate';
import type { HeldCertificate, TraineeEvidence } from '$lib/domain/certification/evidence';
import { certificateStatus, renewalWindowStart } from '$lib/domain/certification/status';
import { updatesDue, type UpdateDue } from '$lib/server/retraining/progress';
import { counterText, describeRequirement, PROGRAMME_STATE_LABELS, titleOf, type Names } from '$lib/domain/certification/describe';
import { describeCallRequirement } from '$lib/domain/certification/rules';
import type { CertificateStatus } from '$lib/domain/certification/status';
import { heldCertificates, programmeDefinition, type CertificateRow, type ProgrammeRow } from './issue';
import { listProgrammes } from './programmes';
import { isLatestCycle } from './latest-cycle';
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
	current: { id: number; code: string; status: CertificateStatus; issuedAt: Date; expiresAt: Date | null; revokedReason: string | null; updateDue: UpdateDue | null } | null;
}

/**
 * Adds the open retraining updates to the current certificates (one read for all) and derives "lapsed" where one is
 * overdue. Evaluations (stored or live) never see a lapse, so it cannot open a new cycle or re-issue a certificate.
 */
function withLapses<T extends { programmes: ProgrammeProgress[] }>(trainees: T[], now: Date): T[] {
	const current = trainees.flatMap((t) => t.programmes.map((p) => p.current).filter((c) => c !== null));
	const updates = updatesDue(
		current.filter((c) => c.status === 'valid' || c.status === 'expiring').map((c) => c.id),
		now
	);
	for (const c of current) {
		const update = updates.get(c.id);
		if (!update) continue;
		c.updateDue = update;
		c.status = certificateStatus({ expiresAt: c.expiresAt, revokedAt: null, retrainingDueAt: update.dueAt }, now);
	}
	return trainees;
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
						revokedReason: latest.revokedReason,
						updateDue: null
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
	const certRows = userIds.length ? db.select().from(certificates).where(inIds(certificates.userId, userIds)).all() : [];
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
	return { trainees: withLapses(trainees, now), names, programmes: programmeRows };
}

// ---- Stored progress (table programme_progress) ------------------------------------------------------------------

/** Evidence is read for this many trainees at a time when progress is stored in bulk. */
export const PROGRESS_BATCH = 250;

/** The next moment time alone changes an evaluation: a held certificate's renewal window opens or it expires. */
export function nextTimeChange(held: readonly HeldCertificate[], now: Date): Date | null {
	let next: number | null = null;
	for (const c of held) {
		if (!c.expiresAt || c.revokedAt) continue;
		for (const t of [renewalWindowStart(c.expiresAt).getTime(), c.expiresAt.getTime()]) {
			if (t > now.getTime() && (next === null || t < next)) next = t;
		}
	}
	return next === null ? null : new Date(next);
}

const toDate = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

/** A stored evaluation back with its dates (JSON keeps them as ISO strings). */
export function reviveEvaluation(json: string): ProgrammeEvaluation {
	const e = JSON.parse(json) as ProgrammeEvaluation;
	return {
		...e,
		since: toDate(e.since),
		current: e.current
			? { ...e.current, issuedAt: toDate(e.current.issuedAt)!, expiresAt: toDate(e.current.expiresAt), revokedAt: toDate(e.current.revokedAt) }
			: null
	};
}

/**
 * The columns stored beside an evaluation for lists and exports: its state, counter, current certificate's status and
 * unmet requirements (without the qualifying calls' ids, which only the evaluation keeps). Migration 0031 fills them
 * the same way from stored evaluations.
 */
export function progressCells(e: ProgrammeEvaluation): { state: ProgrammeState; done: number; required: number; status: CertificateStatus | null; unmet: string } {
	const unmet = JSON.stringify(
		e.items.filter((item) => !item.met),
		(key, value) => (key === 'callIds' ? undefined : value)
	);
	return { state: e.state, done: e.done, required: e.required, status: e.current?.status ?? null, unmet };
}

/**
 * Evaluates these trainees now and stores every programme's evaluation (after issuing, so it shows what they hold).
 * Called when evidence, rules or certificates change — never while a page is read.
 */
export function storeProgress(userIds: readonly number[], now = new Date(), evidence?: Map<number, TraineeEvidence>): void {
	const programmeRows = listProgrammes();
	const defs = programmeRows.map(programmeDefinition);
	for (let i = 0; i < userIds.length; i += PROGRESS_BATCH) {
		const batch = userIds.slice(i, i + PROGRESS_BATCH);
		const ev = evidence ?? loadEvidenceForUsers(batch);
		const certsByUser = certificatesByUser(batch);
		const rows = batch.flatMap((userId) => {
			const held = heldCertificates(certsByUser.get(userId) ?? [], programmeRows);
			const { evaluations } = evaluateAll(defs, ev.get(userId) ?? { courses: [], calls: [] }, held, now);
			const staleAt = nextTimeChange(held, now);
			return evaluations.map((e) => {
				const p = programmeRows.find((x) => x.slug === e.programmeSlug)!;
				// evaluatedAt is the wall clock (compared with course publish times), whatever `now` the rules ran at.
				return { userId, programmeId: p.id, programmeVersion: p.version, evaluation: JSON.stringify(e), ...progressCells(e), staleAt, evaluatedAt: new Date() };
			});
		});
		db.transaction((tx) => {
			tx.delete(programmeProgress).where(inArray(programmeProgress.userId, batch)).run();
			for (let j = 0; j < rows.length; j += 500) tx.insert(programmeProgress).values(rows.slice(j, j + 500)).run();
		});
	}
}

/**
 * When a course version last went live (content import or editor publish): course evidence (a full re-pass of the
 * live version's quizzes) is read against the live versions, so progress stored before then is evaluated again.
 */
function lastCoursePublish(): number {
	return lastPublishAt().get()?.at ?? 0;
}
const lastPublishAt = lazy(() => db.select({ at: sql<number | null>`max(${courseVersions.publishedAt})` }).from(courseVersions).prepare());

/**
 * Trainees whose stored progress is missing, of an older programme version, past its staleAt or older than the last
 * course publish (start-up task). Deactivated trainees too: the progress CSV lists them, and without stored rows it
 * evaluated each of them live, reading every call they ever made, on every download.
 */
export function traineesNeedingProgress(now = new Date()): number[] {
	const published = lastCoursePublish();
	const wanted = db.select({ n: sql<number>`count(*)` }).from(programmesTable).get()?.n ?? 0;
	return db
		.select({ id: users.id })
		.from(users)
		.where(
			and(
				inArray(users.id, db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'trainee'))),
				sql`(select count(*) from ${programmeProgress} pp join ${programmesTable} p on p.id = pp.programme_id and p.version = pp.programme_version
					where pp.user_id = ${users.id} and (pp.stale_at is null or pp.stale_at > ${now.getTime()}) and pp.evaluated_at >= ${published}) < ${wanted}`
			)
		)
		.all()
		.map((r) => r.id);
}

/** Start-up: stores progress for every trainee who lacks it (the code half of migration 0010's backfill). */
export function backfillProgrammeProgress(now = new Date()): { trainees: number } {
	const ids = traineesNeedingProgress(now);
	storeProgress(ids, now);
	return { trainees: ids.length };
}

const certificatesOfOne = lazy(() => db.select().from(certificates).where(eq(certificates.userId, sql.placeholder('userId'))).prepare());
const storedProgressOfOne = lazy(() => db.select().from(programmeProgress).where(eq(programmeProgress.userId, sql.placeholder('userId'))).prepare());

function certificatesByUser(userIds: readonly number[]): Map<number, CertificateRow[]> {
	const rows =
		userIds.length === 1
			? certificatesOfOne().all({ userId: userIds[0] })
			: userIds.length
				? db.select().from(certificates).where(inIds(certificates.userId, userIds)).all()
				: [];
	const out = new Map<number, CertificateRow[]>();
	for (const c of rows) {
		const list = out.get(c.userId);
		if (list) list.push(c);
		else out.set(c.userId, [c]);
	}
	return out;
}

export interface StoredTraineeProgress {
	userId: number;
	programmes: ProgrammeProgress[];
}

/**
 * Progress of many trainees from the stored evaluations: one query for the rows and one for the certificates; no
 * call is read. A trainee whose rows are missing, of an older programme version or past their staleAt is evaluated
 * live instead (nothing is written: a GET never writes), so the answer always equals progressForUsers.
 */
export function storedProgressForUsers(userIds: readonly number[], now = new Date()): { trainees: StoredTraineeProgress[]; names: Names; programmes: ProgrammeRow[] } {
	const programmeRows = listProgrammes();
	const names = progressNames(programmeRows);
	const ids = [...userIds];
	const stored =
		ids.length === 1
			? storedProgressOfOne().all({ userId: ids[0] })
			: ids.length
				? db.select().from(programmeProgress).where(inIds(programmeProgress.userId, ids)).all()
				: [];
	const byUser = new Map<number, Map<number, (typeof stored)[number]>>();
	for (const r of stored) {
		if (!byUser.has(r.userId)) byUser.set(r.userId, new Map());
		byUser.get(r.userId)!.set(r.programmeId, r);
	}
	const published = lastCoursePublish();
	const fresh = (userId: number) =>
		programmeRows.every((p) => {
			const r = byUser.get(userId)?.get(p.id);
			return !!r && isFresh({ programmeVersion: r.programmeVersion, staleAt: r.staleAt?.getTime() ?? null, evaluatedAt: r.evaluatedAt.getTime() }, p, now, published);
		});
	const liveIds = ids.filter((id) => !fresh(id));
	const live = liveIds.length ? progressForUsers(liveIds, now) : null;
	const liveByUser = new Map(live?.trainees.map((t) => [t.userId, t]) ?? []);
	const certsByUser = certificatesByUser(ids.filter((id) => !liveByUser.has(id)));
	const trainees = ids.map((userId): StoredTraineeProgress => {
		const l = liveByUser.get(userId);
		if (l) return { userId, programmes: l.programmes };
		const rows = byUser.get(userId)!;
		const certs = certsByUser.get(userId) ?? [];
		return {
			userId,
			programmes: programmeRows.map((p) => toView(reviveEvaluation(rows.get(p.id)!.evaluation), p, certs, names))
		};
	});
	withLapses(
		trainees.filter((t) => !liveByUser.has(t.userId)),
		now
	);
	return { trainees, names, programmes: programmeRows };
}

/** A stored row still says what evaluating now would: same programme version, not past its staleAt, newer than the last course publish. */
function isFresh(r: { programmeVersion: number; staleAt: number | null; evaluatedAt: number }, p: ProgrammeRow, now: Date, published: number): boolean {
	return r.programmeVersion === p.version && (r.staleAt === null || r.staleAt > now.getTime()) && r.evaluatedAt >= published;
}

/** One trainee's line of the cohort matrix: what each cell shows, nothing more. */
export interface MatrixProgress {
	userId: number;
	/** Completed courses: best score = the mean of the best score of each quiz taken in the course (null without one). */
	courses: { slug: string; bestScore: number | null }[];
	programmes: { slug: string; state: ProgrammeState; stateLabel: string; done: number; required: number; status: CertificateStatus | null }[];
}

// The matrix's reads, prepared once, ids as one JSON array (`json_each`), rows straight from better-sqlite3: the
// fields the cells show from the columns stored beside each evaluation (no evaluation is read or parsed), and each
// completed course's best score averaged in SQLite from its quizzes' best attempts (one search of
// quiz_attempts_user_quiz_idx per completion).
type SummaryRow = { userId: number; programmeId: number; programmeVersion: number; staleAt: number | null; evaluatedAt: number; state: ProgrammeState; done: number; required: number; status: CertificateStatus | null };
const storedSummaries = lazy(() =>
	sqlite.prepare<[string], SummaryRow>(
		`select user_id as userId, programme_id as programmeId, programme_version as programmeVersion, stale_at as staleAt, evaluated_at as evaluatedAt,
		        state, done, required, status
		   from "programme_progress" where user_id in (select value from json_each(?))`
	)
);
const completedWithBest = lazy(() =>
	sqlite.prepare<[string], { userId: number; slug: string; bestScore: number | null }>(
		`select cc.user_id as userId, c.slug as slug,
		        (select avg(b.best) from (select max(q.score) as best from "quiz_attempts" q
		                                   where q.user_id = cc.user_id and q.course_id = cc.course_id
		                                   group by q.lesson_slug, q.quiz_index) b) as bestScore
		   from "course_completions" cc join "courses" c on c.id = cc.course_id join "course_versions" v on v.id = cc.version_id
		  where cc.user_id in (select value from json_each(?))
		  order by cc.completed_at`
	)
);

/**
 * Narrow stored rows by trainee and programme, and the full progress of the trainees whose rows are missing or not
 * fresh, evaluated live (as storedProgressForUsers does), so cells read from the rows always equal the full views.
 */
function storedOrLive<R extends Pick<SummaryRow, 'userId' | 'programmeId' | 'programmeVersion' | 'staleAt' | 'evaluatedAt'>>(
	stored: R[],
	userIds: readonly number[],
	programmeRows: ProgrammeRow[],
	now: Date
): { byUser: Map<number, Map<number, R>>; live: Map<number, TraineeProgress> } {
	const byUser = new Map<number, Map<number, R>>();
	for (const r of stored) {
		let rows = byUser.get(r.userId);
		if (!rows) byUser.set(r.userId, (rows = new Map()));
		rows.set(r.programmeId, r);
	}
	const published = lastCoursePublish();
	const liveIds = userIds.filter((id) => !programmeRows.every((p) => { const r = byUser.get(id)?.get(p.id); return !!r && isFresh(r, p, now, published); }));
	return { byUser, live: new Map((liveIds.length ? progressForUsers(liveIds, now).trainees : []).map((t) => [t.userId, t])) };
}

/**
 * The cohort matrix's cells for these trainees (the trainer home): from the stored evaluations' state, counter and
 * certificate status, with "lapsed" where `lapsed` (lapsedCertificates of these trainees, or more) has their
 * programme's certificate, and the completed courses with their best scores. A trainee whose stored rows are not
 * fresh is evaluated live, as storedProgressForUsers does, so the cells always equal what its full views show.
 */
export function matrixProgressForUsers(userIds: readonly number[], now: Date, lapsed: readonly LapsedCertificate[]): MatrixProgress[] {
	if (!userIds.length) return [];
	const programmeRows = listProgrammes();
	const ids = JSON.stringify(userIds);
	const { byUser, live } = storedOrLive(storedSummaries().all(ids), userIds, programmeRows, now);
	const courses = new Map<number, MatrixProgress['courses']>();
	for (const r of completedWithBest().all(ids)) {
		if (live.has(r.userId)) continue;
		const list = courses.get(r.userId);
		if (list) list.push({ slug: r.slug, bestScore: r.bestScore });
		else courses.set(r.userId, [{ slug: r.slug, bestScore: r.bestScore }]);
	}
	const lapsedKeys = new Set(lapsed.map((l) => `${l.userId}:${l.programmeId}`));
	return userIds.map((userId): MatrixProgress => {
		const l = live.get(userId);
		if (l) {
			return {
				userId,
				courses: l.evidence.courses.map((c) => ({ slug: c.slug, bestScore: c.bestScore })),
				programmes: l.programmes.map((p) => ({ slug: p.slug, state: p.state, stateLabel: p.stateLabel, done: p.done, required: p.required, status: p.current?.status ?? null }))
			};
		}
		const rows = byUser.get(userId)!;
		return {
			userId,
			courses: courses.get(userId) ?? [],
			programmes: programmeRows.map((p) => {
				const r = rows.get(p.id)!;
				// A certificate in force whose retraining update is overdue shows as lapsed (withLapses for the full view).
				const status = (r.status === 'valid' || r.status === 'expiring') && lapsedKeys.has(`${userId}:${p.id}`) ? 'lapsed' : r.status;
				return { slug: p.slug, state: r.state, stateLabel: PROGRAMME_STATE_LABELS[r.state], done: r.done, required: r.required, status };
			})
		};
	});
}

/** One trainee's line per programme of the progress CSV: what its cells show, nothing more. */
export interface ExportProgress {
	userId: number;
	programmes: { title: string; stateLabel: string; done: number; required: number; todo: string; status: CertificateStatus | null; expiresAt: Date | null }[];
}

// The progress CSV's read: the columns stored beside each evaluation (state, counter, status, unmet requirements) and
// the programme's latest certificate (one probe of the unique key), ids as one JSON array, prepared once. No
// evaluation is read: reading and parsing every evaluation's text was most of the export's time.
type ExportRow = SummaryRow & { unmet: string; certId: number | null; certExpiresAt: number | null };
const storedExportRows = lazy(() =>
	sqlite.prepare<[string], ExportRow>(
		`select pp.user_id as userId, pp.programme_id as programmeId, pp.programme_version as programmeVersion, pp.stale_at as staleAt,
		        pp.evaluated_at as evaluatedAt, pp.state as state, pp.done as done, pp.required as required, pp.status as status,
		        pp.unmet as unmet, c.id as certId, c.expires_at as certExpiresAt
		   from "programme_progress" pp
		   left join "certificates" c on c.user_id = pp.user_id and c.programme_id = pp.programme_id
		        and c.cycle = (select max(c2.cycle) from "certificates" c2 where c2.user_id = pp.user_id and c2.programme_id = pp.programme_id)
		  where pp.user_id in (select value from json_each(?))`
	)
);

/** The CSV cells of one programme's full view: the definition exportProgressForUsers keeps to. */
export function exportCells(p: ProgrammeProgress): ExportProgress['programmes'][number] {
	return {
		title: p.title,
		stateLabel: p.stateLabel,
		done: p.done,
		required: p.required,
		todo: p.items
			.filter((it) => !it.met)
			.map((it) => `${it.label} (${it.counter})`)
			.join('; '),
		status: p.current?.status ?? null,
		expiresAt: p.current?.expiresAt ?? null
	};
}

/**
 * The progress CSV's cells for these trainees, equal to what storedProgressForUsers' views give them (todo = the unmet
 * requirements as "label (counter)", status with lapses, the latest certificate's expiry). A trainee whose stored rows
 * are not fresh is evaluated live, as there.
 */
export function exportProgressForUsers(
	userIds: readonly number[],
	now: Date,
	names: Names = progressNames(),
	/**
	 * The "to do" text of each stored list of unmet requirements, kept across the batches of one export (same names and
	 * locale): most trainees share a few lists, so each is parsed and described once, not once a row.
	 */
	todoOf: Map<string, string> = new Map()
): ExportProgress[] {
	if (!userIds.length) return [];
	const programmeRows = listProgrammes();
	const { byUser, live } = storedOrLive(storedExportRows().all(JSON.stringify(userIds)), userIds, programmeRows, now);
	// withLapses: a current certificate in force whose retraining update is overdue (one read for all).
	const inForce: number[] = [];
	for (const [userId, rows] of byUser) {
		if (live.has(userId)) continue;
		for (const r of rows.values()) if (r.certId !== null && (r.status === 'valid' || r.status === 'expiring')) inForce.push(r.certId);
	}
	const updates = updatesDue(inForce, now);
	return userIds.map((userId): ExportProgress => {
		const l = live.get(userId);
		if (l) return { userId, programmes: l.programmes.map(exportCells) };
		const rows = byUser.get(userId)!;
		return {
			userId,
			programmes: programmeRows.map((p) => {
				const r = rows.get(p.id)!;
				// toView: the current certificate is the programme's latest cycle, shown only where the evaluation has one.
				const current = r.status !== null && r.certId !== null;
				const expiresAt = current && r.certExpiresAt !== null ? new Date(r.certExpiresAt) : null;
				let status = current ? r.status : null;
				const update = current ? updates.get(r.certId!) : undefined;
				if (update) status = certificateStatus({ expiresAt, revokedAt: null, retrainingDueAt: update.dueAt }, now);
				let todo = todoOf.get(r.unmet);
				if (todo === undefined) {
					const unmet = r.unmet === '[]' ? [] : (JSON.parse(r.unmet) as ProgrammeEvaluation['items']);
					todo = unmet.map((item) => `${describeRequirement(item, names)} (${counterText(item)})`).join('; ');
					todoOf.set(r.unmet, todo);
				}
				return { title: p.title, stateLabel: PROGRAMME_STATE_LABELS[r.state], done: r.done, required: r.required, todo, status, expiresAt };
			})
		};
	});
}

/** A holder's certificate that is lapsed at `now`: in force by its dates, with a retraining update overdue. */
export interface LapsedCertificate {
	userId: number;
	programmeId: number;
	dueAt: Date;
	noteId: number;
}

// The holders' latest cycles neither revoked nor expired at a time: ids as one JSON array, prepared once.
const inForceLatestCycles = lazy(() =>
	db
		.select({ id: certificates.id, userId: certificates.userId, programmeId: certificates.programmeId, expiresAt: certificates.expiresAt })
		.from(certificates)
		.where(
			and(
				inIds(certificates.userId, sql.placeholder('ids')),
				isNull(certificates.revokedAt),
				or(isNull(certificates.expiresAt), gt(certificates.expiresAt, sql.placeholder('now'))),
				isLatestCycle
			)
		)
		.prepare()
);

/**
 * The lapsed certificates of these holders, from their latest cycles that are neither revoked nor expired (narrow
 * rows, one probe of the unique key per row for the latest cycle) and the open retraining updates of those: what
 * the `current` of their programme progress would say, without reading or reviving any programme evaluation. Sorted
 * by the order of `userIds`, then programme id.
 */
export function lapsedCertificates(userIds: readonly number[], now = new Date()): LapsedCertificate[] {
	if (!userIds.length) return [];
	const rows = inForceLatestCycles().all({ ids: JSON.stringify(userIds), now: now.getTime() });
	const updates = updatesDue(
		rows.map((r) => r.id),
		now
	);
	const order = new Map(userIds.map((id, i) => [id, i]));
	return rows
		.flatMap((r) => {
			const update = updates.get(r.id);
			if (!update) return [];
			const status = certificateStatus({ expiresAt: r.expiresAt, revokedAt: null, retrainingDueAt: update.dueAt }, now);
			return status === 'lapsed' ? [{ userId: r.userId, programmeId: r.programmeId, dueAt: update.dueAt, noteId: update.noteId }] : [];
		})
		.sort((a, b) => order.get(a.userId)! - order.get(b.userId)! || a.programmeId - b.programmeId);
}

export function progressFor(userId: number, now = new Date()) {
	const { trainees, names } = progressForUsers([userId], now);
	return { ...trainees[0], names };
}
