// Course versions in the database: reading a version's files, parsing them (cached per content hash)
// and writing new versions. Published versions are never changed; a draft is edited in place.
import { getLocale } from '$lib/paraglide/runtime';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { parse } from 'yaml';
import { db } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import {
	courseLessons,
	courseVersions,
	courses,
	type VersionSource,
	type VersionStatus
} from '$lib/server/db/schema/courses';
import {
	COURSE_FILE,
	courseContentHash,
	normalizeNewlines,
	parseCourseFiles,
	type ContentIssue,
	type LoadedCourse
} from '$lib/server/content/courses';

export type CourseRow = typeof courses.$inferSelect;
export type VersionRow = typeof courseVersions.$inferSelect;
export type CourseFiles = Record<string, string>;

export function getCourseBySlug(slug: string): CourseRow | undefined {
	return db.select().from(courses).where(eq(courses.slug, slug)).get();
}

export function getVersion(id: number): VersionRow | undefined {
	return versionById().get({ id });
}
const versionById = lazy(() => db.select().from(courseVersions).where(eq(courseVersions.id, sql.placeholder('id'))).prepare());

export function listVersions(courseId: number): VersionRow[] {
	return db.select().from(courseVersions).where(eq(courseVersions.courseId, courseId)).orderBy(desc(courseVersions.number)).all();
}

export function getDraft(courseId: number): VersionRow | undefined {
	return draftOf().get({ courseId });
}
const draftOf = lazy(() =>
	db
		.select()
		.from(courseVersions)
		.where(and(eq(courseVersions.courseId, sql.placeholder('courseId')), eq(courseVersions.status, 'draft')))
		.prepare()
);

/** All files of a version: course.md plus the lesson files, by file name. */
export function versionFiles(versionId: number): CourseFiles {
	const version = getVersion(versionId);
	if (!version) return {};
	const files: CourseFiles = { [COURSE_FILE]: version.courseMd };
	const lessons = db.select().from(courseLessons).where(eq(courseLessons.versionId, versionId)).orderBy(asc(courseLessons.fileName)).all();
	for (const l of lessons) files[l.fileName] = l.source;
	return files;
}

const parsedCache = new Map<string, { course: LoadedCourse | null; issues: ContentIssue[] }>();

/**
 * Parses files as a course folder; results are cached by folder + content hash, and by the reader's language: the
 * issues are worded when the files are checked, so a draft's problems read in Bengali for a Bengali trainer and in
 * English for the next English one.
 */
export function parseFiles(folder: string, files: CourseFiles, dir = folder) {
	const key = `${getLocale()}\0${dir}\0${folder}\0${courseContentHash(files)}`;
	let hit = parsedCache.get(key);
	if (!hit) {
		hit = parseCourseFiles(folder, Object.entries(files).map(([name, content]) => ({ name, content })), dir);
		if (parsedCache.size > 200) parsedCache.clear();
		parsedCache.set(key, hit);
	}
	return hit;
}

/** The course title from course.md, falling back to `fallback` while a draft's frontmatter is broken. */
export function titleOf(courseMd: string | undefined, fallback: string): string {
	const match = /^---\n([\s\S]*?)\n---/.exec(normalizeNewlines(courseMd ?? ''));
	if (!match) return fallback;
	try {
		const title = (parse(match[1]) as { title?: unknown } | null)?.title;
		return typeof title === 'string' && title.trim() ? title.trim() : fallback;
	} catch {
		return fallback;
	}
}

function nextNumber(courseId: number): number {
	const last = db.select({ n: courseVersions.number }).from(courseVersions).where(eq(courseVersions.courseId, courseId)).orderBy(desc(courseVersions.number)).get();
	return (last?.n ?? 0) + 1;
}

function writeLessons(versionId: number, files: CourseFiles) {
	db.delete(courseLessons).where(eq(courseLessons.versionId, versionId)).run();
	const rows = Object.entries(files)
		.filter(([name]) => name !== COURSE_FILE)
		.map(([fileName, source]) => ({ versionId, fileName, source }));
	if (rows.length) db.insert(courseLessons).values(rows).run();
}

/** Inserts a new version. A published one becomes the course's live version. */
export function createVersion(
	courseId: number,
	files: CourseFiles,
	opts: { status: VersionStatus; source: VersionSource; createdBy: number | null; note?: string; fallbackTitle?: string },
	at = new Date()
): VersionRow {
	return db.transaction(() => {
		const version = db
			.insert(courseVersions)
			.values({
				courseId,
				number: nextNumber(courseId),
				status: opts.status,
				source: opts.source,
				contentHash: courseContentHash(files),
				title: titleOf(files[COURSE_FILE], opts.fallbackTitle ?? 'Untitled course'),
				courseMd: files[COURSE_FILE] ?? '',
				note: opts.note ?? null,
				createdBy: opts.createdBy,
				createdAt: at,
				updatedAt: at,
				publishedAt: opts.status === 'published' ? at : null
			})
			.returning()
			.get();
		writeLessons(version.id, files);
		if (opts.status === 'published') {
			db.update(courses).set({ publishedVersionId: version.id }).where(eq(courses.id, courseId)).run();
		}
		return version;
	});
}

/** Replaces a draft's files (autosave, restore, import into an existing course). */
export function replaceDraftFiles(draftId: number, files: CourseFiles, at = new Date()): void {
	db.transaction(() => {
		db.update(courseVersions)
			.set({
				courseMd: files[COURSE_FILE] ?? '',
				title: titleOf(files[COURSE_FILE], 'Untitled course'),
				contentHash: courseContentHash(files),
				updatedAt: at
			})
			.where(and(eq(courseVersions.id, draftId), eq(courseVersions.status, 'draft')))
			.run();
		writeLessons(draftId, files);
	});
}

/** Makes a draft the live version. */
export function publishVersion(versionId: number, at = new Date()): void {
	db.transaction(() => {
		const v = db
			.update(courseVersions)
			.set({ status: 'published', publishedAt: at, updatedAt: at })
			.where(and(eq(courseVersions.id, versionId), eq(courseVersions.status, 'draft')))
			.returning()
			.get();
		if (v) db.update(courses).set({ publishedVersionId: v.id }).where(eq(courses.id, v.courseId)).run();
	});
}
