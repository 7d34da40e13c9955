// Export a course to a zip of its Markdown folder and read one back, refusing oversized archives and
// paths that would escape the course folder.
import { crc32 } from 'node:zlib';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { COURSE_FOLDER_PATTERN, type CourseFile } from './courses';
import { MAX_IMPORT_BYTES, importTooLargeMessage } from '../../schemas/course';
import { checkZipEntry } from './limits';

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

/** Declared size and CRC-32 of every entry, from the zip's central directory (names decoded as fflate does). */
function centralDirectory(bytes: Uint8Array): Map<string, { size: number; crc: number }> {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let end = bytes.byteLength - 22;
	const stop = Math.max(0, end - 65_535);
	while (end >= stop && view.getUint32(end, true) !== 0x06054b50) end--;
	if (end < stop) throw new CourseZipError('This is not a readable zip file.');
	const count = view.getUint16(end + 10, true);
	let at = view.getUint32(end + 16, true);
	const out = new Map<string, { size: number; crc: number }>();
	for (let i = 0; i < count; i++) {
		if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) throw new CourseZipError('This is not a readable zip file.');
		const flags = view.getUint16(at + 8, true);
		const nameLength = view.getUint16(at + 28, true);
		const name = strFromU8(bytes.subarray(at + 46, at + 46 + nameLength), !(flags & 0x800));
		out.set(name, { crc: view.getUint32(at + 16, true), size: view.getUint32(at + 24, true) });
		at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
	}
	return out;
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
	const totals = { entries: 0, bytes: 0 };
	try {
		entries = unzipSync(bytes, {
			filter: (file) => {
				totals.entries++;
				totals.bytes += file.originalSize;
				const refused = checkZipEntry({ name: file.name, compressedSize: file.size, size: file.originalSize }, totals);
				if (refused) throw new CourseZipError(refused.message);
				return true;
			}
		});
	} catch (e) {
		if (e instanceof CourseZipError) throw e;
		throw new CourseZipError('This is not a readable zip file.');
	}
	// fflate inflates into a buffer of the declared size and stops there: an entry that declares 200 B and holds
	// 30 MB would be cut silently. Each entry must have exactly its declared size and CRC.
	const declared = centralDirectory(bytes);
	for (const [name, data] of Object.entries(entries)) {
		const entry = declared.get(name);
		if (!entry) throw new CourseZipError('This is not a readable zip file.');
		if (data.byteLength !== entry.size || crc32(data) !== entry.crc) {
			throw new CourseZipError(`"${name}" does not match its declared size and checksum; the zip is damaged or forged.`);
		}
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
