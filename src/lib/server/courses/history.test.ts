// The course history page's reads (history.ts) against a real temporary database: the files that differ, found in
// SQLite, are the ones the whole-course comparison finds; what is shown of each equals that comparison's, cut at
// MAX_SHOWN_LINES; versions come a page at a time; and the statements read by index.
import { beforeAll, describe, expect, it } from 'vitest';
import { db, sqlite } from '$lib/server/db';
import { users, userRoles } from '$lib/server/db/schema/users';
import type { SessionUser } from '$lib/server/auth/session';
import { diffLines, shownDiff } from '$lib/domain/line-diff';
import { importContentCourses } from './catalogue';
import { publishDraft, saveDraft, versionHistory, workingFiles } from './authoring';
import { getCourseBySlug, versionFiles, type CourseRow } from './versions';
import { courseTitle, DIFFERING_FILES_SQL, differingFileNames, fileChange, MAX_SHOWN_LINES, VERSIONS_PAGE, VERSIONS_PAGE_SQL, versionByNumber, versionsPage, type FileChange } from './history';

let admin: SessionUser;
beforeAll(() => {
	importContentCourses('tests/fixtures/courses/valid');
	const row = db.insert(users).values({ email: 'history-admin@example.test', name: 'History Admin', passwordHash: 'x', createdAt: new Date() }).returning().get();
	db.insert(userRoles).values({ userId: row.id, role: 'admin' }).run();
	admin = { id: row.id, email: row.email, name: row.name, roles: ['admin'], mustChangePassword: false, cohortId: null };
});

const course = () => getCourseBySlug('phone-basics')!;

async function publish(change: (files: Record<string, string>) => Record<string, string>) {
	const row = course();
	saveDraft(admin, row, change({ ...workingFiles(row).files }), 'course.edit');
	return publishDraft(admin, course());
}

/** The page before history.ts: every file of both versions read, compared and shown in full. */
function wholeComparison(beforeId: number | null, afterId: number): FileChange[] {
	const before = beforeId === null ? {} : versionFiles(beforeId);
	const after = versionFiles(afterId);
	const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) => (a === 'course.md' ? -1 : b === 'course.md' ? 1 : a.localeCompare(b)));
	return names.flatMap((name): FileChange[] => {
		const a = before[name];
		const b = after[name];
		if (a === b) return [];
		if (a === undefined || b === undefined) {
			const text = (a ?? b ?? '').replace(/\r\n?/g, '\n');
			return [{ name, status: a === undefined ? 'added' : 'removed', lines: text === '' ? [] : text.split('\n'), more: 0 }];
		}
		return [{ name, status: 'changed', rows: shownDiff(diffLines(a, b)), more: 0 }];
	});
}

function shown(beforeId: number | null, afterId: number): FileChange[] {
	return differingFileNames(beforeId, afterId).map((f) => fileChange(beforeId, afterId, f));
}

const id = (n: number) => versionByNumber(course(), n)!.id;

describe('course history: what differs between two versions', () => {
	it('finds in SQLite the files the whole comparison finds, and shows the same lines (first version, changed, added, removed, course.md, none)', async () => {
		await publish((f) => ({ ...f, '01-greeting.md': f['01-greeting.md'].replace(/\n$/, '') + '\nSay your name clearly.\n' }));
		await publish((f) => ({ ...f, '03-hold.md': '---\ntitle: Hold\nminutes: 3\n---\nAsk before you put a caller on hold.\r\nThank them for waiting.\n' }));
		await publish((f) => {
			const { ['02-closing.md']: _closing, ...rest } = f;
			return { ...rest, 'course.md': f['course.md'].replace('minutes:', 'minutes: 1\n#minutes:').replace(/#minutes:.*\n/, '') };
		});
		const versions = versionHistory(course());
		expect(versions.map((v) => v.number)).toEqual([4, 3, 2, 1]);
		const pairs: [number | null, number][] = [[null, 1], [1, 2], [2, 3], [3, 4], [1, 4], [4, 1], [2, 2]];
		const statuses = new Set<string>();
		for (const [a, b] of pairs) {
			const expected = wholeComparison(a === null ? null : id(a), id(b));
			expect(shown(a === null ? null : id(a), id(b)), `${a} → ${b}`).toEqual(expected);
			for (const f of expected) statuses.add(`${f.name === 'course.md' ? 'course.md' : 'lesson'} ${f.status}`);
		}
		// Every kind of difference was compared at least once, and identical versions have none.
		expect([...statuses].sort()).toEqual(['course.md added', 'course.md changed', 'lesson added', 'lesson changed', 'lesson removed']);
		expect(differingFileNames(id(2), id(2))).toEqual([]);
		// Windows line ends are shown as lines, like the editor shows them.
		const hold = fileChange(id(2), id(3), { name: '03-hold.md', status: 'added' });
		expect(hold.status === 'added' && hold.lines).toContain('Ask before you put a caller on hold.');
	});

	it('shows at most MAX_SHOWN_LINES lines of a file and says how many more there are', async () => {
		const long = Array.from({ length: 1000 }, (_, i) => `Line ${i + 1} of a long lesson.`).join('\n');
		const before = await publish((f) => ({ ...f, '09-long.md': `---\ntitle: Long\nminutes: 9\n---\n${long}\n` }));
		const previous = versionByNumber(course(), before.number, true)!;
		const added = fileChange(previous.id, before.id, { name: '09-long.md', status: 'added' });
		expect(added.status).toBe('added');
		if (added.status !== 'added') return;
		expect(added.lines).toHaveLength(MAX_SHOWN_LINES);
		expect(added.lines[0]).toBe('---');
		expect(added.more).toBe(1000 + 5 - MAX_SHOWN_LINES);
		// Every other line changed: the diff shows more rows than the page keeps.
		const after = await publish((f) => ({ ...f, '09-long.md': f['09-long.md'].replace(/^(Line \d*[02468] .*)$/gm, '$1 Changed.') }));
		const changed = fileChange(before.id, after.id, { name: '09-long.md', status: 'changed' });
		const all = shownDiff(diffLines(versionFiles(before.id)['09-long.md'], versionFiles(after.id)['09-long.md']));
		expect(all.length).toBeGreaterThan(MAX_SHOWN_LINES);
		expect(changed).toEqual({ name: '09-long.md', status: 'changed', rows: all.slice(0, MAX_SHOWN_LINES), more: all.length - MAX_SHOWN_LINES });
	});
});

describe('course history: versions a page at a time', () => {
	it('lists the newest VERSIONS_PAGE versions, then the older ones from a cursor, and finds any version by number', async () => {
		for (let i = 0; course().publishedVersionId === null || versionHistory(course()).length < VERSIONS_PAGE + 5; i++) {
			await publish((f) => ({ ...f, '01-greeting.md': `${f['01-greeting.md'].replace(/\n$/, '')}\nRevision ${i}.\n` }));
		}
		const row: CourseRow = course();
		const all = versionHistory(row);
		const total = all.length;
		const first = versionsPage(row, null);
		expect(first.versions.map((v) => v.number)).toEqual(all.slice(0, VERSIONS_PAGE).map((v) => v.number));
		expect(first.older).toBe(all[VERSIONS_PAGE - 1].number);
		const second = versionsPage(row, first.older);
		expect(second.versions.map((v) => v.number)).toEqual(all.slice(VERSIONS_PAGE).map((v) => v.number));
		expect(second.older).toBeNull();
		// The same fields as the whole list's, the live one marked.
		for (const v of [...first.versions, ...second.versions]) {
			const whole = all.find((w) => w.number === v.number)!;
			expect(v).toEqual({ id: whole.id, number: whole.number, status: whole.status, source: whole.source, title: whole.title, note: whole.note, authorName: whole.authorName, createdAt: whole.createdAt, updatedAt: whole.updatedAt, publishedAt: whole.publishedAt, live: whole.live });
		}
		expect(first.versions.filter((v) => v.live).map((v) => v.number)).toEqual([total]);
		expect(versionByNumber(row, 3)?.number).toBe(3);
		expect(versionByNumber(row, 3, true)?.number).toBe(2);
		expect(versionByNumber(row, 1, true)).toBeUndefined();
		expect(versionByNumber(row, total + 1)).toBeUndefined();
		expect(versionByNumber(row, null)?.number).toBe(total);
		expect(courseTitle(row)).toBe('Phone basics');
	});

	it('reads by index: versions by (course, number), lessons by (version, file name)', () => {
		const plan = (sql: string, params: Record<string, number | null>) =>
			sqlite
				.prepare(`explain query plan ${sql}`)
				.all(params)
				.map((r) => (r as { detail: string }).detail)
				.join('\n');
		const versions = plan(VERSIONS_PAGE_SQL, { courseId: 1, before: 9, limit: 21 });
		expect(versions).toMatch(/SEARCH v USING INDEX course_versions_number_idx \(course_id=\? AND number<\?\)/);
		expect(versions).not.toMatch(/SCAN|TEMP B-TREE/);
		const files = plan(DIFFERING_FILES_SQL, { before: 1, after: 2 });
		expect(files).toMatch(/course_lessons_file_idx/);
		expect(files).not.toMatch(/SCAN course_lessons|SCAN course_versions/);
	});
});
