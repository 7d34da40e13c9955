// Retraining progress: what counts as retrained (lessons opened again, a call since the note), and the "update due"
// marks of certificates. Imports nothing from assignments, which asks it for the evidence of retraining assignments.
import { and, eq, isNull, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { db, sqlite } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { inIds } from '$lib/server/db/in-ids';
import { certificateUpdates, retrainingNotes, retrainingReads } from '$lib/server/db/schema/retraining';
import type { AssignmentEvidence } from '$lib/domain/assignments/assignments';
import { isRetrainingOverdue } from '$lib/domain/certification/status';

export type RetrainingNote = typeof retrainingNotes.$inferSelect;
export type RetrainingSubject = RetrainingNote['kind'];

export function getRetrainingNote(id: number): RetrainingNote | undefined {
	return db.select().from(retrainingNotes).where(eq(retrainingNotes.id, id)).get();
}

type Ids = { ids: string };
const lessonsReadAgain = lazy(() =>
	sqlite.prepare<[Ids & { note: number }], { userId: number; n: number }>(
		`select user_id as userId, count(*) as n from retraining_reads
		  where note_id = @note and user_id in (select value from json_each(@ids)) group by user_id`
	)
);
const callsSince = lazy(() =>
	sqlite.prepare<[Ids & { slug: string; min: number; since: number }], { userId: number; good: number; any: number }>(
		`select user_id as userId, sum(case when state = 'completed' and total >= @min then 1 else 0 end) as good, count(*) as any
		   from calls where user_id in (select value from json_each(@ids)) and scenario_slug = @slug and created_at >= @since
		  group by user_id`
	)
);

/**
 * How far each trainee is with a note's retraining: a course note is done when every added or changed lesson was
 * opened again after the note; a scenario note when a call of it, since the note, completed at the minimum score.
 */
export function retrainingEvidence(note: RetrainingNote, userIds: number[]): Map<number, AssignmentEvidence> {
	const out = new Map<number, AssignmentEvidence>();
	if (!userIds.length) return out;
	const ids = JSON.stringify(userIds);
	if (note.kind === 'course') {
		for (const r of lessonsReadAgain().all({ ids, note: note.id })) {
			out.set(r.userId, { goodCalls: 0, started: r.n > 0, complete: r.n >= note.lessons.length });
		}
	} else {
		for (const r of callsSince().all({ ids, slug: note.refSlug, min: note.minScore, since: note.createdAt.getTime() })) {
			out.set(r.userId, { goodCalls: r.good, started: r.any > 0, complete: r.good > 0 });
		}
	}
	return out;
}

const recordRead = lazy(() =>
	sqlite.prepare<[{ user: number; slug: string; lesson: string; now: number }]>(
		`insert into retraining_reads (note_id, user_id, lesson_slug, read_at)
		 select n.id, @user, @lesson, @now from retraining_notes n
		  where n.kind = 'course' and n.ref_slug = @slug
		    and exists (select 1 from json_each(n.lessons) where value = @lesson)
		    and exists (select 1 from certificate_updates cu where cu.note_id = n.id and cu.user_id = @user and cu.done_at is null)
		 on conflict do nothing`
	)
);

/** A holder opened a lesson: it counts towards every open course retraining that lists it. One statement. */
export function recordRetrainingRead(userId: number, courseSlug: string, lessonSlug: string, now = new Date()): void {
	if (recordRead().run({ user: userId, slug: courseSlug, lesson: lessonSlug, now: now.getTime() }).changes) closeReadNotes().run({ user: userId, now: now.getTime() });
}

/** Closes this holder's open course retrainings whose changed lessons have all been read again. */
const closeReadNotes = lazy(() =>
	sqlite.prepare<[{ user: number; now: number }]>(
		`update certificate_updates set done_at = @now
		  where user_id = @user and done_at is null
		    and note_id in (select n.id from retraining_notes n where n.kind = 'course'
		                     and (select count(*) from retraining_reads r where r.note_id = n.id and r.user_id = @user) >= json_array_length(n.lessons))`
	)
);

export interface UpdateDue {
	noteId: number;
	dueAt: Date;
	overdue: boolean;
}

/**
 * Open retrainings of these certificates (the soonest per certificate). Nothing is written on a read: course notes are
 * closed (`done_at`) when the last changed lesson is read again; scenario notes are checked against the calls here.
 */
const openUpdatesOf = lazy(() =>
	db
		.select({ certificateId: certificateUpdates.certificateId, userId: certificateUpdates.userId, dueAt: certificateUpdates.dueAt, note: retrainingNotes })
		.from(certificateUpdates)
		.innerJoin(retrainingNotes, eq(retrainingNotes.id, certificateUpdates.noteId))
		.where(and(inIds(certificateUpdates.certificateId, sql.placeholder('ids')), isNull(certificateUpdates.doneAt)))
		.prepare()
);

export function updatesDue(certificateIds: number[], now = new Date()): Map<number, UpdateDue> {
	const out = new Map<number, UpdateDue>();
	if (!certificateIds.length) return out;
	// The ids go in as one JSON array (any number: the certificate CSV asks for every certificate), so the statement is
	// the same for every call and prepared once.
	const open = openUpdatesOf().all({ ids: JSON.stringify(certificateIds) });
	const byNote = new Map<number, typeof open>();
	for (const r of open) byNote.set(r.note.id, [...(byNote.get(r.note.id) ?? []), r]);
	for (const rows of byNote.values()) {
		const note = rows[0].note;
		const evidence = retrainingEvidence(note, [...new Set(rows.map((r) => r.userId))]);
		for (const r of rows) {
			if (evidence.get(r.userId)?.complete) continue;
			const known = out.get(r.certificateId);
			if (!known || r.dueAt < known.dueAt) out.set(r.certificateId, { noteId: note.id, dueAt: r.dueAt, overdue: isRetrainingOverdue(r.dueAt, now) });
		}
	}
	return out;
}

/**
 * SQL over `cu` (certificate_updates) joined with `n` (retraining_notes): at `now` the update was past its due date
 * and not completed — the same test as updatesDue + isRetrainingOverdue (a course note is completed when `done_at` is
 * set; a scenario note when a call of it since the note completed at the minimum score). Also right for a past `now`
 * (a month's end): closes and calls after it do not count. `t` is SQL for the moment in ms: a parameter name or a column,
 * never a literal, so the statement's text does not change with the time.
 */
export function overdueUpdateClause(t: `@${string}` | 'at.t'): string {
	return `${t} > cu.due_at and (cu.done_at is null or cu.done_at > ${t})
		and not (n.kind = 'scenario' and exists (select 1 from calls k where k.user_id = cu.user_id and k.scenario_slug = n.ref_slug
		         and k.created_at >= n.created_at and k.created_at <= ${t} and k.state = 'completed' and k.total >= n.min_score))`;
}

/**
 * SQL: the certificate (an id column) has an overdue retraining update, so it is lapsed unless revoked or expired.
 * `now` goes in once as a bound parameter (a one-row `at` table the clause reads), so the statement's text is the same
 * at every moment and the statement cache keeps one compiled statement; with the time written into the text, every
 * request compiled a new statement and kept it.
 */
export function retrainingOverdueSql(certificateId: SQLWrapper, now: Date): SQL {
	return sql`exists (select 1 from certificate_updates cu join retraining_notes n on n.id = cu.note_id, (select ${now.getTime()} as t) at
		where cu.certificate_id = ${certificateId} and ${sql.raw(overdueUpdateClause('at.t'))})`;
}

/** One holder's view of a note: when it is due, whether it is done, and which lessons they opened again. */
export function noteProgressOf(note: RetrainingNote, userId: number, now = new Date()): { dueAt: Date; done: boolean; overdue: boolean; lessonsRead: string[]; goodCalls: number } | null {
	const row = db
		.select({ dueAt: certificateUpdates.dueAt })
		.from(certificateUpdates)
		.where(and(eq(certificateUpdates.noteId, note.id), eq(certificateUpdates.userId, userId)))
		.orderBy(certificateUpdates.dueAt)
		.get();
	if (!row) return null;
	const ev = retrainingEvidence(note, [userId]).get(userId);
	const lessonsRead = db
		.select({ slug: retrainingReads.lessonSlug })
		.from(retrainingReads)
		.where(and(eq(retrainingReads.noteId, note.id), eq(retrainingReads.userId, userId)))
		.all()
		.map((r) => r.slug);
	const done = ev?.complete ?? false;
	return { dueAt: row.dueAt, done, overdue: !done && isRetrainingOverdue(row.dueAt, now), lessonsRead, goodCalls: ev?.goodCalls ?? 0 };
}

/** For trainers: how many holders a note asked to retrain and how many have. */
export function noteSummary(note: RetrainingNote): { holders: number; done: number } {
	const userIds = [...new Set(db.select({ userId: certificateUpdates.userId }).from(certificateUpdates).where(eq(certificateUpdates.noteId, note.id)).all().map((r) => r.userId))];
	const ev = retrainingEvidence(note, userIds);
	return { holders: userIds.length, done: userIds.filter((u) => ev.get(u)?.complete).length };
}
