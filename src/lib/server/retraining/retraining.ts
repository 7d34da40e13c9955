// Retraining on change. A significant republish of a course or scenario stores a "what changed" note; holders of
// certificates in force that depend on it (the programme requires the course, or names the scenario in a call
// requirement) get a retraining assignment in their cohort, a "retraining required" notification and an
// "update due" mark on the certificate, due after the programme's retraining days. The certificate stays valid.
import { and, eq } from 'drizzle-orm';
import { db, sqlite } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { certificateUpdates, retrainingNotes } from '$lib/server/db/schema/retraining';
import { listProgrammes } from '$lib/server/certification/programmes';
import type { ProgrammeRow } from '$lib/server/certification/issue';
import { createAssignment } from '$lib/server/assignments/assignments';
import { inRecipientLanguage, notify, type NewNotification } from '$lib/server/notifications/notify';
import { formatDigits, formatInteger } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit';
import { lessonFiles, lessonSlugOf, translationFiles, type Files } from '$lib/server/courses/course-files';
import { getDraft, getVersion, titleOf, versionFiles, type CourseRow } from '$lib/server/courses/versions';
import { lastPublishedVersion } from '$lib/server/courses/authoring';
import { getScenarioRow, listVersions } from '$lib/server/scenarios/versions';
import { parseScenarioYaml } from '$lib/server/content/scenarios';
import {
	courseChanges,
	lessonsToRetrain,
	scenarioChanges,
	type ScenarioShape,
	retrainingDueAt,
	soonestRetrainingDays,
	type ChangeItem,
	type LessonText
} from '$lib/domain/retraining/what-changed';
import { isoDay } from '$lib/domain/assignments/assignments';

import type { RetrainingSubject } from './progress';

/** The lessons of a course's files as the note compares them: each lesson with its translations' text. */
export function courseLessonTexts(files: Files): LessonText[] {
	return lessonFiles(files).map((fileName) => {
		const slug = lessonSlugOf(fileName) ?? fileName;
		const translations = translationFiles(files, fileName).map((t) => `\n--- ${t.language}\n${files[t.fileName]}`);
		return { slug, title: titleOf(files[fileName], slug), text: files[fileName] + translations.join('') };
	});
}

/** Programmes whose certificates depend on the course or scenario. */
export function dependentProgrammes(kind: RetrainingSubject, slug: string, all: ProgrammeRow[] = listProgrammes()): ProgrammeRow[] {
	return all.filter((p) => (kind === 'course' ? p.rules.courses.includes(slug) : p.rules.calls.some((c) => c.scenarios.includes(slug))));
}

export interface Holder {
	certificateId: number;
	userId: number;
	programmeId: number;
	cohortId: number | null;
}

/** Active holders of certificates in force (latest cycle, not revoked, not expired) of the given programmes. */
const holdersOf = lazy(() =>
	sqlite.prepare<[{ ids: string; now: number }], Holder>(
		`select c.id as certificateId, c.user_id as userId, c.programme_id as programmeId, u.cohort_id as cohortId
		   from certificates c join users u on u.id = c.user_id and u.active = 1
		  where c.programme_id in (select value from json_each(@ids))
		    and c.revoked_at is null and (c.expires_at is null or c.expires_at > @now)
		    and c.cycle = (select max(c2.cycle) from certificates c2 where c2.user_id = c.user_id and c2.programme_id = c.programme_id)
		  order by c.user_id, c.programme_id`
	)
);

export function retrainingHolders(programmeIds: number[], now = new Date()): Holder[] {
	if (!programmeIds.length) return [];
	return holdersOf().all({ ids: JSON.stringify(programmeIds), now: now.getTime() });
}

export interface SignificantChange {
	kind: RetrainingSubject;
	slug: string;
	title: string;
	fromVersion: number | null;
	toVersion: number;
	changes: ChangeItem[];
}

export interface RetrainingStarted {
	noteId: number;
	/** Trainees asked to retrain. */
	trainees: number;
	dueAt: Date;
}

/** Stores the note and asks every dependent certificate holder to retrain; one transaction. */
export function startRetraining(change: SignificantChange, actor: { id: number }, now = new Date()): RetrainingStarted {
	const programmes = dependentProgrammes(change.kind, change.slug);
	const holders = retrainingHolders(
		programmes.map((p) => p.id),
		now
	);
	const dueAt = retrainingDueAt(now, soonestRetrainingDays(programmes.map((p) => p.retrainingDays)));
	// A call requirement naming the scenario sets the score a retraining call must reach (the highest one).
	const minScore =
		change.kind === 'scenario'
			? Math.max(0, ...programmes.flatMap((p) => p.rules.calls.filter((c) => c.scenarios.includes(change.slug)).map((c) => c.minScore)))
			: 0;
	const lessons = change.kind === 'course' ? lessonsToRetrain(change.changes) : [];
	const result = db.transaction((tx) => {
		const noteId = tx
			.insert(retrainingNotes)
			.values({
				kind: change.kind,
				refSlug: change.slug,
				title: change.title,
				fromVersion: change.fromVersion,
				toVersion: change.toVersion,
				changes: change.changes,
				lessons,
				minScore,
				createdBy: actor.id,
				createdAt: now
			})
			.returning({ id: retrainingNotes.id })
			.get().id;
		const byCohort = new Map<number, number[]>();
		for (const h of holders) if (h.cohortId !== null) byCohort.set(h.cohortId, [...new Set([...(byCohort.get(h.cohortId) ?? []), h.userId])]);
		const assignmentOf = new Map<number, number>();
		for (const [cohortId, userIds] of byCohort) {
			const id = createAssignment({
				cohortId,
				kind: change.kind,
				refSlug: change.slug,
				mode: 'practice',
				minScore,
				callCount: 1,
				dueAt,
				traineeIds: userIds,
				reason: 'retraining',
				retrainingNoteId: noteId,
				createdBy: actor.id
			}, now);
			for (const u of userIds) assignmentOf.set(u, id);
		}
		for (const h of holders) {
			tx.insert(certificateUpdates)
				.values({ certificateId: h.certificateId, noteId, userId: h.userId, assignmentId: assignmentOf.get(h.userId) ?? null, dueAt, createdAt: now })
				.onConflictDoNothing()
				.run();
		}
		const what = change.changes.filter((c) => c.change !== 'removed').length;
		notify(
			[...new Set(holders.map((h) => h.userId))].map(
				(userId): NewNotification =>
					inRecipientLanguage(userId, () => ({
						userId,
						kind: 'retraining',
						title: m.notif_retraining_title({ title: change.title }),
						body: (what === 1 ? m.notif_retraining_body_one : m.notif_retraining_body_other)({ title: change.title, count: formatInteger(what), date: formatDigits(isoDay(dueAt)) }),
						href: `/retraining/${noteId}`,
						dedupeKey: `retraining:${noteId}`
					}))
			),
			now
		);
		return { noteId, trainees: new Set(holders.map((h) => h.userId)).size, dueAt };
	});
	recordAudit(
		{
			actorId: actor.id,
			action: `${change.kind}.significant_change`,
			entityType: change.kind,
			entityId: change.slug,
			before: { version: change.fromVersion },
			after: { version: change.toVersion, note: result.noteId, trainees: result.trainees, due: isoDay(result.dueAt) }
		},
		now
	);
	return result;
}

/** May this user read the note: a holder asked to retrain by it, or a trainer or admin. */
export function canReadNote(user: { id: number; roles: readonly string[] }, noteId: number): boolean {
	if (user.roles.includes('admin') || user.roles.includes('trainer')) return true;
	return !!db
		.select({ n: certificateUpdates.noteId })
		.from(certificateUpdates)
		.where(and(eq(certificateUpdates.noteId, noteId), eq(certificateUpdates.userId, user.id)))
		.get();
}

/** Who a significant change would ask to retrain (the publish forms show it before the author chooses). */
export function retrainingReach(kind: RetrainingSubject, slug: string, now = new Date()): { holders: number; programmes: string[] } {
	const programmes = dependentProgrammes(kind, slug);
	const holders = retrainingHolders(
		programmes.map((p) => p.id),
		now
	);
	return { holders: new Set(holders.map((h) => h.userId)).size, programmes: programmes.map((p) => p.title) };
}

/** What the course's draft changes against the version trainees last had; null when none was ever published. */
export function courseDraftChanges(row: CourseRow): { fromVersion: number; changes: ChangeItem[] } | null {
	const before = row.publishedVersionId ? getVersion(row.publishedVersionId) : lastPublishedVersion(row.id);
	const draft = getDraft(row.id);
	if (!before || !draft) return null;
	return { fromVersion: before.number, changes: courseChanges(courseLessonTexts(versionFiles(before.id)), courseLessonTexts(versionFiles(draft.id))) };
}

/** What publishing scenario version `number` changes against the version trainees had last; null when none or the same. */
export function scenarioVersionChanges(slug: string, number: number): { fromVersion: number; changes: ChangeItem[] } | null {
	const row = getScenarioRow(slug);
	if (!row) return null;
	const versions = listVersions(row.id);
	const before = row.publishedVersionId ? versions.find((v) => v.id === row.publishedVersionId) : versions.filter((v) => v.publishedAt).sort((a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime())[0];
	const next = versions.find((v) => v.number === number);
	if (!before || !next || before.id === next.id) return null;
	const a = parseScenarioYaml(before.yaml);
	const b = parseScenarioYaml(next.yaml);
	if (!a.ok || !b.ok) return null;
	return { fromVersion: before.number, changes: scenarioChanges(a.value as unknown as ScenarioShape, b.value as unknown as ScenarioShape) };
}
