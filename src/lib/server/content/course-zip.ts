// Export a course to a zip of its Markdown folder and read one back, refusing oversized archives and
// paths that would escape the course folder.
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { COURSE_FOLDER_PATTERN, type CourseFile } from './courses';
import { MAX_IMPORT_BYTES, importTooLargeMessage } from '../../schemas/course';

const MAX_FILES = 200;

export class CourseZipError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CourseZipError';
	}
}

/** Zips `folder/<file>` for every file; fixed timestamps so the same content gives the same bytes. */
export function exportCourseZip(folder: string, files: Record<string, string>): Uint8Array {
	const mtime = new Date('2020-01-01T00:00:00Z');
	const tree: Zippable = {};
	const inner: Zippable = {};
	for (const name of Object.keys(files).sort()) inner[name] = [strToU8(files[name]), { mtime }];
	tree[folder] = inner;
	// the folder's own entry takes the top-level time (it was "now": two exports a second apart differed)
	return zipSync(tree, { level: 6, mtime });
}

/**
 * Reads a course zip: exactly one top-level folder (NN-slug) holding flat .md files.
 * Throws CourseZipError with a message a trainer can act on.
 */
export function importCourseZip(bytes: Uint8Array): { folder: string; files: CourseFile[] } {
	if (bytes.byteLength > MAX_IMPORT_BYTES) {
		throw new CourseZipError(importTooLargeMessage(bytes.byteLength));
	}
	let entries: Record<string, Uint8Array>;
	let total = 0;
	let count = 0;
	try {
		entries = unzipSync(bytes, {
			filter: (file) => {
				count++;
				total += file.originalSize;
				if (count > MAX_FILES) throw new CourseZipError(`The zip holds more than ${MAX_FILES} files.`);
				if (total > MAX_IMPORT_BYTES) throw new CourseZipError('The zip unpacks to more than 5 MB.');
				return true;
			}
		});
	} catch (e) {
		if (e instanceof CourseZipError) throw e;
		throw new CourseZipError('This is not a readable zip file.');
	}

	let folder: string | null = null;
	const files: CourseFile[] = [];
	for (const [rawPath, data] of Object.entries(entries)) {
		const path = rawPath.replace(/\\/g, '/');
		if (path.endsWith('/')) {
			if (data.byteLength) throw new CourseZipError(`Unexpected entry "${rawPath}".`);
			continue;
		}
		const parts = path.split('/');
		if (
			path.startsWith('/') ||
			/^[a-zA-Z]:/.test(path) ||
			parts.some((p) => p === '..' || p === '.' || p === '') ||
			parts.length !== 2
		) {
			throw new CourseZipError(
				`"${rawPath}" is outside the course folder. A course zip holds one folder (NN-course-slug) with course.md and NN-lesson.md files.`
			);
		}
		const [top, name] = parts;
		if (folder && top !== folder) throw new CourseZipError(`The zip holds more than one folder ("${folder}" and "${top}").`);
		folder = top;
		if (!name.endsWith('.md')) throw new CourseZipError(`"${rawPath}" is not a Markdown file.`);
		let content: string;
		try {
			content = new TextDecoder('utf-8', { fatal: true }).decode(data);
		} catch {
			throw new CourseZipError(`"${rawPath}" is not UTF-8 text.`);
		}
		files.push({ name, content });
	}
	if (!folder) throw new CourseZipError('The zip is empty.');
	if (!COURSE_FOLDER_PATTERN.test(folder)) {
		throw new CourseZipError(`The folder "${folder}" must be named NN-course-slug, e.g. 04-handling-complaints.`);
	}
	return { folder, files: files.sort((a, b) => a.name.localeCompare(b.name)) };
}
