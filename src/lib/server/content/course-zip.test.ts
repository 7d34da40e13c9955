import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadCoursesFromDir, parseCourseFiles } from './courses';
import { CourseZipError, exportCourseZip, importCourseZip } from './course-zip';
import { MAX_IMPORT_BYTES } from '../../schemas/course';

const FIXTURES = 'tests/fixtures/courses/valid';

describe('course zip export and import', () => {
	it('round-trips a course to identical content', () => {
		const [course] = loadCoursesFromDir(FIXTURES, FIXTURES);
		const zip = exportCourseZip(course.folder, course.files);
		const back = importCourseZip(zip);
		expect(back.folder).toBe('01-phone-basics');
		const reparsed = parseCourseFiles(back.folder, back.files, 'upload');
		expect(reparsed.issues).toEqual([]);
		expect(reparsed.course?.files).toEqual(course.files);
		expect(reparsed.course?.contentHash).toBe(course.contentHash);
		// Exporting again gives the very same bytes.
		expect(exportCourseZip(back.folder, reparsed.course!.files)).toEqual(zip);
	});

	it.each([
		['a path escaping the folder', { '01-a/../../etc/passwd.md': 'x' }, 'outside the course folder'],
		['an absolute path', { '/01-a/course.md': 'x' }, 'outside the course folder'],
		['a nested folder', { '01-a/sub/course.md': 'x' }, 'outside the course folder'],
		['a file at the top level', { 'course.md': 'x' }, 'outside the course folder'],
		['two folders', { '01-a/course.md': 'x', '02-b/course.md': 'y' }, 'more than one folder'],
		['a non-Markdown file', { '01-a/run.sh': 'x' }, 'not a Markdown file'],
		['a badly named folder', { 'My Course/course.md': 'x' }, 'must be named NN-course-slug']
	])('refuses %s with a clear message', (_name, entries, message) => {
		const zip = zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, strToU8(v)])));
		expect(() => importCourseZip(zip)).toThrow(CourseZipError);
		expect(() => importCourseZip(zip)).toThrow(message);
	});

	it('imports a zip whose course.md frontmatter is a billion laughs as a refusal naming the limit, not a throw (issue #18)', () => {
		const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
		for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
		const zip = zipSync({
			'01-bomb/course.md': strToU8(`---\n${lines.join('\n')}\n---\nIntro`),
			'01-bomb/01-a.md': strToU8('---\ntitle: A\nminutes: 5\n---\nHello')
		});
		const { folder, files } = importCourseZip(zip);
		const { course, issues } = parseCourseFiles(folder, files, 'upload');
		expect(course).toBeNull();
		expect(issues).toEqual([expect.objectContaining({ limit: 'yamlAliases', path: 'upload/course.md' })]);
	});

	it('refuses an upload over 5 MB', () => {
		expect(() => importCourseZip(new Uint8Array(MAX_IMPORT_BYTES + 1))).toThrow('the limit is 5 MB');
	});

	it('refuses a small zip that unpacks to more than 5 MB', () => {
		const zip = zipSync({ '01-a': { 'course.md': new Uint8Array(MAX_IMPORT_BYTES + 10) } }, { level: 9 });
		expect(zip.byteLength).toBeLessThan(100_000);
		expect(() => importCourseZip(zip)).toThrow('unpacks to more than 5 MB');
	});

	it('refuses bytes that are not a zip', () => {
		expect(() => importCourseZip(strToU8('hello, not a zip'))).toThrow('not a readable zip file');
	});
});

describe('course zip limits (issue #19)', () => {
	/** Patches an entry's declared uncompressed size in the local header and the central directory. */
	function forgeDeclaredSize(zip: Uint8Array, size: number): Uint8Array {
		const out = zip.slice();
		const view = new DataView(out.buffer);
		for (let i = 0; i + 4 <= out.length; i++) {
			const sig = view.getUint32(i, true);
			if (sig === 0x04034b50) view.setUint32(i + 22, size, true);
			if (sig === 0x02014b50) view.setUint32(i + 24, size, true);
		}
		return out;
	}

	it('refuses an entry that declares 200 B but holds 30 MB (it used to be cut silently)', () => {
		const zip = zipSync({ '01-big/course.md': [new Uint8Array(30 * 1024 * 1024).fill(65), { level: 9 }] });
		expect(() => importCourseZip(forgeDeclaredSize(zip, 200))).toThrow(/declared size and checksum/);
	});

	it('refuses an entry whose declared size is a bomb ratio', () => {
		const zip = zipSync({ '01-big/course.md': [new Uint8Array(4 * 1024 * 1024).fill(65), { level: 9 }] });
		expect(() => importCourseZip(zip)).toThrow(/times its packed size/);
	});

	it('still reads an honest zip', () => {
		const zip = zipSync({ '01-ok/course.md': strToU8('---\ntitle: T\n---\nHi'), '01-ok/01-a.md': strToU8('---\ntitle: A\n---\nHi') });
		expect(importCourseZip(zip).files.map((f) => f.name)).toEqual(['01-a.md', 'course.md']);
	});
});
