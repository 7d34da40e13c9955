// Published courses as trainees see them, and the start-up import of content/courses.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { untilDatabaseChanges } from '$lib/server/db/generation';
import { lazy } from '$lib/server/db/lazy';
import { courseVersions, courses } from '$lib/server/db/schema/courses';
import { loadCoursesFromDir, validateCourseSet, type LoadedCourse } from '$lib/server/content/courses';
import { createVersion, getCourseBySlug, parseFiles, versionFiles, type CourseRow, type VersionRow } from './versions';

export type PublishedCourse = { row: CourseRow; version: VersionRow; course: LoadedCourse };

/**
 * Parsed live versions by version id, folder and content hash: a page that lists courses reads the course rows and
 * version rows only, not every lesson file again (the version's stored hash says whether its files changed).
 */
const parsedVersions = new Map<string, LoadedCourse | null>();

function loadPublished({ row, version }: { row: CourseRow; version: VersionRow }): PublishedCourse | null {
	const key = `${version.id}\0${row.folder}\0${version.contentHash}`;
	let course = parsedVersions.get(key);
	if (course === undefined) {
		course = parseFiles(row.folder, versionFiles(version.id)).course ?? null;
		if (parsedVersions.size > 500) parsedVersions.clear();
		parsedVersions.set(key, course);
	}
	return course ? { row, version, course } : null;
}

// Most pages list the live courses, some several times: one prepared query for the courses with their live version
// rows (drizzle built it and SQLite compiled it once), not one query per course.
const selectPublished = () =>
	db.select({ row: courses, version: courseVersions }).from(courses).innerJoin(courseVersions, eq(courseVersions.id, courses.publishedVersionId));
const publishedRows = lazy(() => selectPublished().orderBy(asc(courses.folder)).prepare());
const publishedRowBySlug = lazy(() => selectPublished().where(eq(courses.slug, sql.placeholder('slug'))).prepare());

// read again only after a write to the database (a publish, here or in another process): see generation.ts
const livePublished = untilDatabaseChanges(() =>
	publishedRows()
		.all()
		.map(loadPublished)
		.filter((c): c is PublishedCourse => c !== null)
);

/** Every course with a live version, in catalogue (folder) order. */
export function listPublishedCourses(): PublishedCourse[] {
	return [...livePublished()];
}

export function getPublishedCourse(slug: string): PublishedCourse | null {
	const found = publishedRowBySlug().get({ slug });
	return found ? loadPublished(found) : null;
}

/**
 * Checks a course about to go live against the other live courses: prerequisites must exist and
 * must not form a cycle. Returns issues in the loader's `path:line: message` form.
 */
export function catalogueIssues(candidate: LoadedCourse) {
	const others = listPublishedCourses()
		.filter((p) => p.row.slug !== candidate.slug)
		.map((p) => ({ course: p.course, dir: p.row.folder }));
	return validateCourseSet([...others, { course: candidate, dir: candidate.folder }]).filter((i) =>
		i.path.startsWith(`${candidate.folder}/`)
	);
}

/**
 * Start-up import: each folder in content/courses becomes a course (by slug). When a folder's content
 * hash differs from the last version imported from content/, it becomes a new published version.
 * Browser edits are never overwritten silently: they stay in the version history.
 */
export function importContentCourses(root = process.env.CONTENT_DIR ?? 'content/courses', at = new Date()) {
	const loaded = loadCoursesFromDir(root, 'content/courses');
	let created = 0;
	let updated = 0;
	for (const c of loaded) {
		let row = getCourseBySlug(c.slug);
		if (!row) {
			row = db.insert(courses).values({ slug: c.slug, folder: c.folder, ownerId: null, createdAt: at }).returning().get();
			created++;
		} else if (row.folder !== c.folder) {
			db.update(courses).set({ folder: c.folder }).where(eq(courses.id, row.id)).run();
		}
		const lastImported = db
			.select({ hash: courseVersions.contentHash })
			.from(courseVersions)
			.where(and(eq(courseVersions.courseId, row.id), eq(courseVersions.source, 'content')))
			.orderBy(desc(courseVersions.number))
			.get();
		if (lastImported?.hash === c.contentHash) continue;
		createVersion(row.id, c.files, {
			status: 'published',
			source: 'content',
			createdBy: null,
			note: lastImported ? 'Updated from content/ files' : 'Imported from content/',
			fallbackTitle: c.meta.title
		}, at);
		if (lastImported) updated++;
	}
	return { created, updated, total: loaded.length };
}
