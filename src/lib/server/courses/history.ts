// The course history page's reads, at a cost bounded by the page, not by the course: a page of versions (keyset on the
// version number), the names of the files that differ between two versions found in SQLite (no file's text comes
// back for that), the texts of one page of those files only, and at most MAX_SHOWN_LINES lines of each.
import { sqlite } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { COURSE_FILE } from '$lib/server/content/courses';
import type { CourseRow } from '$lib/server/courses/versions';
import type { VersionSource, VersionStatus } from '$lib/server/db/schema/courses';
import { diffLines, shownDiff, type DiffGap, type DiffLine } from '$lib/domain/line-diff';

export const VERSIONS_PAGE = 20;
export const FILES_PAGE = 10;
/** Lines of one file the page shows (a whole file's lines, or a changed file's diff rows); the editor has the rest. */
export const MAX_SHOWN_LINES = 400;

export type HistoryVersion = {
	id: number;
	number: number;
	status: VersionStatus;
	source: VersionSource;
	title: string;
	note: string | null;
	authorName: string | null;
	createdAt: Date;
	updatedAt: Date;
	publishedAt: Date | null;
	live: boolean;
};

type VersionRow = Omit<HistoryVersion, 'live' | 'createdAt' | 'updatedAt' | 'publishedAt'> & { createdAt: number; updatedAt: number; publishedAt: number | null };

const COLUMNS = `v.id, v.number, v.status, v.source, v.title, v.note, u.name as authorName,
	v.created_at as createdAt, v.updated_at as updatedAt, v.published_at as publishedAt`;
// Newest first, from a number down (course_versions_number_idx: (course_id, number)); one more than a page tells
// whether there are older ones.
export const VERSIONS_PAGE_SQL = `select ${COLUMNS} from course_versions v left join users u on u.id = v.created_by
	where v.course_id = @courseId and v.number < @before order by v.number desc limit @limit`;
const pageOfVersions = lazy(() => sqlite.prepare<[{ courseId: number; before: number; limit: number }], VersionRow>(VERSIONS_PAGE_SQL));
const versionNumbered = lazy(() =>
	sqlite.prepare<[{ courseId: number; number: number }], VersionRow>(
		`select ${COLUMNS} from course_versions v left join users u on u.id = v.created_by where v.course_id = @courseId and v.number = @number`
	)
);

const titleById = lazy(() => sqlite.prepare<[number], { title: string }>(`select title from course_versions where id = ?`));

/** The course's title as trainees see it (the live version's), else the newest version's, else its slug. */
export function courseTitle(course: CourseRow): string {
	const live = course.publishedVersionId === null ? undefined : titleById().get(course.publishedVersionId);
	return live?.title ?? versionByNumber(course, null)?.title ?? course.slug;
}

function view(row: VersionRow, course: CourseRow): HistoryVersion {
	return {
		...row,
		createdAt: new Date(row.createdAt),
		updatedAt: new Date(row.updatedAt),
		publishedAt: row.publishedAt === null ? null : new Date(row.publishedAt),
		live: row.id === course.publishedVersionId
	};
}

/** A page of the course's versions, newest first, below `before` (all when null); `older` is the next page's cursor. */
export function versionsPage(course: CourseRow, before: number | null): { versions: HistoryVersion[]; older: number | null } {
	const rows = pageOfVersions().all({ courseId: course.id, before: before ?? Number.MAX_SAFE_INTEGER, limit: VERSIONS_PAGE + 1 });
	const shown = rows.slice(0, VERSIONS_PAGE).map((r) => view(r, course));
	return { versions: shown, older: rows.length > VERSIONS_PAGE ? shown[shown.length - 1].number : null };
}

/** The version with this number, or (null) the newest; `below` = the newest one under that number. */
export function versionByNumber(course: CourseRow, number: number | null, below = false): HistoryVersion | undefined {
	if (number === null || below) {
		const row = pageOfVersions().get({ courseId: course.id, before: number ?? Number.MAX_SAFE_INTEGER, limit: 1 });
		return row && view(row, course);
	}
	const row = versionNumbered().get({ courseId: course.id, number });
	return row && view(row, course);
}

export type FileStatus = 'added' | 'removed' | 'changed';

// Every file of a version as (name, text): course.md from the version row, the lessons from course_lessons. Two
// versions are joined on the name and compared in SQLite, which returns names only. A missing version (null id) has
// no files, so everything in the other is added.
export const DIFFERING_FILES_SQL = `with a(name, text) as (select '${COURSE_FILE}', course_md from course_versions where id = @before
	                        union all select file_name, source from course_lessons where version_id = @before),
	  b(name, text) as (select '${COURSE_FILE}', course_md from course_versions where id = @after
	                        union all select file_name, source from course_lessons where version_id = @after)
	select coalesce(b.name, a.name) as name,
	       case when a.name is null then 'added' when b.name is null then 'removed' else 'changed' end as status
	  from b full outer join a on a.name = b.name
	 where a.text is not b.text`;
const differingFiles = lazy(() => sqlite.prepare<[{ before: number | null; after: number }], { name: string; status: FileStatus }>(DIFFERING_FILES_SQL));
const fileText = lazy(() =>
	sqlite.prepare<[{ version: number; name: string }], { text: string }>(
		`select course_md as text from course_versions where id = @version and @name = '${COURSE_FILE}'
		 union all select source from course_lessons where version_id = @version and file_name = @name`
	)
);

/** course.md first, then the lessons by name (the editor's order). */
function byFileOrder(a: string, b: string): number {
	return a === COURSE_FILE ? -1 : b === COURSE_FILE ? 1 : a.localeCompare(b);
}

/** The names of the files that differ from `before` (null: none, a first version) to `after`, in the editor's order. */
export function differingFileNames(beforeId: number | null, afterId: number): { name: string; status: FileStatus }[] {
	return differingFiles()
		.all({ before: beforeId, after: afterId })
		.sort((x, y) => byFileOrder(x.name, y.name));
}

export type FileChange =
	| { name: string; status: 'added' | 'removed'; lines: string[]; more: number }
	| { name: string; status: 'changed'; rows: (DiffLine | DiffGap)[]; more: number };

function textOf(versionId: number | null, name: string): string | undefined {
	return versionId === null ? undefined : fileText().get({ version: versionId, name })?.text.replace(/\r\n?/g, '\n');
}

/** What the page shows of one differing file: its lines (added or removed whole) or its diff, at most MAX_SHOWN_LINES. */
export function fileChange(beforeId: number | null, afterId: number, file: { name: string; status: FileStatus }): FileChange {
	const before = textOf(beforeId, file.name);
	const after = textOf(afterId, file.name);
	if (file.status === 'changed' && before !== undefined && after !== undefined) {
		const rows = shownDiff(diffLines(before, after));
		return { name: file.name, status: 'changed', rows: rows.slice(0, MAX_SHOWN_LINES), more: Math.max(0, rows.length - MAX_SHOWN_LINES) };
	}
	const text = (file.status === 'removed' ? before : after) ?? '';
	const lines = text === '' ? [] : text.split('\n');
	return { name: file.name, status: file.status === 'removed' ? 'removed' : 'added', lines: lines.slice(0, MAX_SHOWN_LINES), more: Math.max(0, lines.length - MAX_SHOWN_LINES) };
}
