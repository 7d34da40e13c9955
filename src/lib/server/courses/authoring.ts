// Trainer authoring: who may edit which course, the working draft (one per course), publishing,
// restoring old versions, zip import, and editing grants. Every change is audit-logged.
import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { formatDigits, formatInteger } from '$lib/i18n/format';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema/users';
import { listTrainers } from '$lib/server/db/queries/users';
import { courseGrants, courses, courseVersions, type VersionSource } from '$lib/server/db/schema/courses';
import { recordAudit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import type { ContentIssue } from '$lib/server/content/courses';
import { limitStatus, violationText } from '$lib/server/content/limits';
import { importCourseZip } from '$lib/server/content/course-zip';
import { renderUntrusted } from '$lib/server/content/render-pool';
import { catalogueIssues, listPublishedCourses } from './catalogue';
import { COURSE_STARTER_TEXTS, decomposeFile, newCourseFiles, type Files } from './course-files';
import { findPlaceholderText, type PlaceholderHit } from '$lib/domain/placeholder-text';
import { reevaluateInBackground } from '$lib/server/certification/auto-issue';
import {
	createVersion,
	getCourseBySlug,
	getDraft,
	getVersion,
	listVersions,
	parseFiles,
	publishVersion,
	replaceDraftFiles,
	versionFiles,
	type CourseRow,
	type VersionRow
} from './versions';

/**
 * What an authoring step refuses, by code, and how each reads: worded when the error is thrown, which is inside the
 * request, so a Bengali trainer gets Bengali (and Bengali digits) and the code stays the same in every language.
 */
const AUTHORING_WORDING = {
	not_found: () => m.srv_no_course(),
	forbidden: () => m.srv_may_not_edit_course(),
	render_busy: () => m.srv_render_busy(),
	not_saved: (p: { file: string; line: number; detail: string }) => m.srv_course_not_saved({ file: p.file, line: formatDigits(p.line), detail: p.detail }),
	placeholders: (p: { count: number }) => (p.count === 1 ? m.srv_course_placeholders_one : m.srv_course_placeholders_other)({ count: formatInteger(p.count) }),
	no_draft: () => m.srv_course_no_draft(),
	fix_first: () => m.srv_course_fix_first(),
	draft_changed: () => m.srv_course_draft_changed(),
	not_published: () => m.srv_course_not_published(),
	required_by: (p: { titles: string[] }) =>
		(p.titles.length === 1 ? m.srv_course_required_by_one : m.srv_course_required_by_other)({ titles: p.titles.map((t) => `“${t}”`).join(', ') }),
	already_published: () => m.srv_course_already_published(),
	never_published: () => m.srv_course_never_published(),
	draft_only: () => m.srv_course_draft_only(),
	no_such_version: () => m.srv_course_no_such_version(),
	version_no_file: (p: { number: number; file: string }) => m.srv_course_version_no_file({ number: formatDigits(p.number), file: p.file }),
	slug_taken: (p: { slug: string }) => m.srv_course_slug_taken({ slug: p.slug }),
	zip_problems: () => m.srv_course_zip_problems(),
	import_not_yours: (p: { slug: string }) => m.srv_course_import_not_yours({ slug: p.slug }),
	only_trainers: () => m.srv_only_trainers_edit()
} satisfies Record<string, (params: never) => string>;

type Wording = typeof AUTHORING_WORDING;
export type AuthoringCode = keyof Wording;
type ParamsOf<C extends AuthoringCode> = Parameters<Wording[C]>;
type AuthoringOptions<C extends AuthoringCode> = {
	issues?: ContentIssue[];
	/** The HTTP status a route answers with (limits: 413/422, a busy renderer: 503). */
	status?: number;
} & (ParamsOf<C> extends [] ? { params?: never } : { params: ParamsOf<C>[0] });

export class AuthoringError<C extends AuthoringCode = AuthoringCode> extends Error {
	readonly issues: ContentIssue[];
	readonly status: number;
	constructor(
		readonly code: C,
		...[options]: ParamsOf<C> extends [] ? [AuthoringOptions<C>?] : [AuthoringOptions<C>]
	) {
		super((AUTHORING_WORDING[code] as (params: unknown) => string)(options?.params));
		this.name = 'AuthoringError';
		this.issues = options?.issues ?? [];
		this.status = options?.status ?? 400;
	}
}

const isAdmin = (user: SessionUser) => user.roles.includes('admin');

export function canEditCourse(user: SessionUser, course: CourseRow): boolean {
	if (isAdmin(user)) return true;
	if (!user.roles.includes('trainer')) return false;
	if (course.ownerId === user.id) return true;
	return !!db
		.select({ c: courseGrants.courseId })
		.from(courseGrants)
		.where(and(eq(courseGrants.courseId, course.id), eq(courseGrants.userId, user.id)))
		.get();
}

export type EditableCourse = {
	row: CourseRow;
	title: string;
	live: VersionRow | null;
	draft: VersionRow | null;
	canEdit: boolean;
	ownerName: string | null;
};

/** Every course with the viewer's rights on it (trainers see all, edit only theirs). */
export function listCoursesForAuthoring(user: SessionUser): EditableCourse[] {
	const rows = db.select().from(courses).orderBy(asc(courses.folder)).all();
	// Only the owners of these courses (not every user of the organisation).
	const ownerIds = [...new Set(rows.flatMap((r) => (r.ownerId ? [r.ownerId] : [])))];
	const owners = new Map(
		(ownerIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ownerIds)).all() : []).map((u) => [u.id, u.name])
	);
	return rows.map((row) => {
		const live = row.publishedVersionId ? (getVersion(row.publishedVersionId) ?? null) : null;
		const draft = getDraft(row.id) ?? null;
		return {
			row,
			title: (draft ?? live)?.title ?? row.slug,
			live,
			draft,
			canEdit: canEditCourse(user, row),
			ownerName: row.ownerId ? (owners.get(row.ownerId) ?? null) : null
		};
	});
}

/** The course if the user may edit it; otherwise an AuthoringError the route turns into 403/404. */
export function editableCourse(user: SessionUser, slug: string): CourseRow {
	const row = getCourseBySlug(slug);
	if (!row) throw new AuthoringError('not_found');
	if (!canEditCourse(user, row)) throw new AuthoringError('forbidden');
	return row;
}

/** The working files: the draft if there is one, else the live version. */
export function workingFiles(row: CourseRow): { files: Files; draft: VersionRow | null } {
	const draft = getDraft(row.id) ?? null;
	if (draft) return { files: versionFiles(draft.id), draft };
	// An unpublished course is edited from the version that was live last.
	const base = row.publishedVersionId ?? lastPublishedVersion(row.id)?.id;
	return { files: base ? versionFiles(base) : {}, draft: null };
}

/** The newest version that was ever published (what "Publish again" brings back after an unpublish). */
export function lastPublishedVersion(courseId: number): VersionRow | undefined {
	return listVersions(courseId).find((v) => v.status === 'published');
}

/** Validation issues of a set of files as they would be published. */
export function issuesOf(row: CourseRow, files: Files): ContentIssue[] {
	const { course, issues } = parseFiles(row.folder, files);
	if (!course) return issues;
	return catalogueIssues(course);
}

/**
 * Problems that keep `files` from being stored or published at all: an input limit passed while parsing (size,
 * nesting, YAML aliases) or a body that does not render within the render limits (time, output size). Ordinary
 * content issues (a missing title, a quiz without an answer) are not among them: a draft may hold those.
 */
export async function unstorableIssues(folder: string, files: Files): Promise<ContentIssue[]> {
	const found = parseFiles(folder, files).issues.filter((i) => i.limit);
	for (const name of Object.keys(files).sort()) {
		const path = `${folder}/${name}`;
		if (found.some((i) => i.path === path)) continue;
		const { body, bodyLine } = decomposeFile(files[name]);
		const { error } = await renderUntrusted(body);
		if (error) found.push({ path, line: bodyLine - 1 + error.line, message: violationText(error), limit: error.limit });
	}
	return found;
}

/** Refuses files that could not be rendered, naming the first problem's file and line. */
export async function assertStorable(folder: string, files: Files): Promise<void> {
	const issues = await unstorableIssues(folder, files);
	if (!issues.length) return;
	const first = issues[0];
	const busy = issues.every((i) => i.limit === 'renderQueue');
	if (busy) throw new AuthoringError('render_busy', { issues, status: 503 });
	throw new AuthoringError('not_saved', {
		params: { file: first.path.split('/').pop() ?? first.path, line: first.line, detail: first.message },
		issues,
		status: limitStatus(first.limit ?? 'renderMs')
	});
}

/**
 * Puts `files` into the course's one draft, creating it on the first change. `origin` says where the
 * draft's content came from (a restore, an import); plain edits leave the draft's label as it is.
 */
function writeDraft(user: SessionUser, row: CourseRow, files: Files, origin?: { source: VersionSource; note: string }, at = new Date()): VersionRow {
	const existing = getDraft(row.id);
	if (!existing) return createVersion(row.id, files, { status: 'draft', source: origin?.source ?? 'editor', createdBy: user.id, note: origin?.note }, at);
	replaceDraftFiles(existing.id, files, at);
	if (origin) db.update(courseVersions).set(origin).where(eq(courseVersions.id, existing.id)).run();
	return getVersion(existing.id)!;
}

/** Saves files into the draft, creating the draft from the live version on the first edit. */
export function saveDraft(user: SessionUser, row: CourseRow, files: Files, action: string, detail?: unknown): VersionRow {
	const draft = writeDraft(user, row, files);
	recordAudit({ actorId: user.id, action, entityType: 'course', entityId: row.slug, after: { version: draft.number, ...(detail ? { detail } : {}) } });
	return draft;
}

/** Publishing was stopped because the draft still holds starter or placeholder text; `confirm` publishes anyway. */
export class PlaceholderTextError extends AuthoringError<'placeholders'> {
	constructor(readonly placeholders: PlaceholderHit[]) {
		super('placeholders', { params: { count: placeholders.length } });
	}
}

export async function publishDraft(user: SessionUser, row: CourseRow, options: { confirmPlaceholders?: boolean } = {}): Promise<VersionRow> {
	const draft = getDraft(row.id);
	if (!draft) throw new AuthoringError('no_draft');
	const files = versionFiles(draft.id);
	const issues = issuesOf(row, files);
	if (!issues.length) issues.push(...(await unstorableIssues(row.folder, files)));
	if (issues.length) throw new AuthoringError('fix_first', { issues });
	const placeholders = findPlaceholderText(files, COURSE_STARTER_TEXTS);
	if (placeholders.length && !options.confirmPlaceholders) throw new PlaceholderTextError(placeholders);
	if (getDraft(row.id)?.updatedAt.getTime() !== draft.updatedAt.getTime()) {
		throw new AuthoringError('draft_changed');
	}
	const before = row.publishedVersionId ? getVersion(row.publishedVersionId)?.number : null;
	publishVersion(draft.id);
	recordAudit({ actorId: user.id, action: 'course.publish', entityType: 'course', entityId: row.slug, before: { version: before }, after: { version: draft.number } });
	// Course evidence is read against the live version: every stored programme progress is now stale (and would be
	// evaluated live on each read). Evaluate everyone again off the request, as after a programme change.
	void reevaluateInBackground();
	return getVersion(draft.id)!;
}

/**
 * Takes the course out of the catalogue. Nothing is deleted: trainees' progress, quiz attempts and completions stay
 * (keyed by the course) and count again when the course is published again.
 */
export function unpublishCourse(user: SessionUser, row: CourseRow): void {
	if (!row.publishedVersionId) throw new AuthoringError('not_published');
	const dependants = listPublishedCourses().filter((p) => p.row.id !== row.id && p.course.meta.prerequisites.includes(row.slug));
	if (dependants.length) {
		throw new AuthoringError('required_by', { params: { titles: dependants.map((d) => d.course.meta.title) } });
	}
	const live = getVersion(row.publishedVersionId);
	db.update(courses).set({ publishedVersionId: null }).where(eq(courses.id, row.id)).run();
	recordAudit({ actorId: user.id, action: 'course.unpublish', entityType: 'course', entityId: row.slug, before: { version: live?.number ?? null }, after: { version: null } });
}

/** Brings back the version that was live before an unpublish. */
export function republishCourse(user: SessionUser, row: CourseRow): VersionRow {
	if (row.publishedVersionId) throw new AuthoringError('already_published');
	const last = lastPublishedVersion(row.id);
	if (!last) throw new AuthoringError('never_published');
	db.update(courses).set({ publishedVersionId: last.id }).where(eq(courses.id, row.id)).run();
	recordAudit({ actorId: user.id, action: 'course.republish', entityType: 'course', entityId: row.slug, before: { version: null }, after: { version: last.number } });
	return last;
}

export function discardDraft(user: SessionUser, row: CourseRow): void {
	const draft = getDraft(row.id);
	if (!draft) return;
	if (!row.publishedVersionId && !lastPublishedVersion(row.id)) throw new AuthoringError('draft_only');
	db.delete(courseVersions).where(eq(courseVersions.id, draft.id)).run();
	recordAudit({ actorId: user.id, action: 'course.discard_draft', entityType: 'course', entityId: row.slug, before: { version: draft.number } });
}

/** Copies an old version into the draft (publishing it is a separate, deliberate step). */
export function restoreVersion(user: SessionUser, row: CourseRow, versionId: number): VersionRow {
	const version = getVersion(versionId);
	if (!version || version.courseId !== row.id) throw new AuthoringError('no_such_version');
	const draft = writeDraft(user, row, versionFiles(version.id), { source: 'restore', note: `Restored from version ${version.number}` });
	recordAudit({ actorId: user.id, action: 'course.restore', entityType: 'course', entityId: row.slug, after: { from: version.number, draft: draft.number } });
	return draft;
}

/** Copies one file (a lesson or course.md) of an old version into the draft, leaving the rest as is. */
export function restoreFile(user: SessionUser, row: CourseRow, versionId: number, fileName: string): VersionRow {
	const version = getVersion(versionId);
	if (!version || version.courseId !== row.id) throw new AuthoringError('no_such_version');
	const old = versionFiles(version.id);
	const source = Object.hasOwn(old, fileName) ? old[fileName] : undefined;
	if (source === undefined) throw new AuthoringError('version_no_file', { params: { number: version.number, file: fileName } });
	const { files } = workingFiles(row);
	return saveDraft(user, row, { ...files, [fileName]: source }, 'course.restore_file', { from: version.number, file: fileName });
}

function nextFolderNumber(): number {
	const folders = db.select({ folder: courses.folder }).from(courses).all();
	return folders.reduce((n, f) => Math.max(n, Number(/^(\d+)-/.exec(f.folder)?.[1] ?? 0)), 0) + 1;
}

export function createCourse(user: SessionUser, title: string, slug: string, at = new Date()): CourseRow {
	if (getCourseBySlug(slug)) throw new AuthoringError('slug_taken', { params: { slug } });
	const folder = `${String(nextFolderNumber()).padStart(2, '0')}-${slug}`;
	const row = db.insert(courses).values({ slug, folder, ownerId: user.id, createdAt: at }).returning().get();
	createVersion(row.id, newCourseFiles(title), { status: 'draft', source: 'editor', createdBy: user.id, note: 'New course' }, at);
	recordAudit({ actorId: user.id, action: 'course.create', entityType: 'course', entityId: slug, after: { title, folder } });
	return row;
}

/**
 * Imports a course zip. A new slug creates a course owned by the importer; an existing slug
 * (which the user must be allowed to edit) gets the files as its draft. Invalid content is refused.
 */
export async function importCourse(user: SessionUser, bytes: Uint8Array, at = new Date()): Promise<{ row: CourseRow; created: boolean }> {
	const { folder, files } = importCourseZip(bytes);
	const byName = Object.fromEntries(files.map((f) => [f.name, f.content]));
	const { course, issues } = parseFiles(folder, byName, folder);
	if (!course) throw new AuthoringError('zip_problems', { issues });
	const unstorable = await unstorableIssues(folder, byName);
	if (unstorable.length) throw new AuthoringError('zip_problems', { issues: unstorable });
	let row = getCourseBySlug(course.slug);
	const created = !row;
	if (row) {
		if (!canEditCourse(user, row)) throw new AuthoringError('import_not_yours', { params: { slug: course.slug } });
	} else {
		row = db.insert(courses).values({ slug: course.slug, folder: course.folder, ownerId: user.id, createdAt: at }).returning().get();
	}
	writeDraft(user, row, course.files, { source: 'import', note: 'Imported from a zip' }, at);
	recordAudit({ actorId: user.id, action: 'course.import', entityType: 'course', entityId: course.slug, after: { folder, files: Object.keys(course.files).length, created } });
	return { row, created };
}

export function listGrants(courseId: number) {
	return db
		.select({ userId: courseGrants.userId, name: users.name, email: users.email, createdAt: courseGrants.createdAt })
		.from(courseGrants)
		.innerJoin(users, eq(users.id, courseGrants.userId))
		.where(eq(courseGrants.courseId, courseId))
		.orderBy(asc(users.name))
		.all();
}

export function grantEditing(admin: SessionUser, row: CourseRow, userId: number, at = new Date()): void {
	if (!isAdmin(admin)) throw new AuthoringError('forbidden');
	if (!listTrainers().some((t) => t.id === userId)) throw new AuthoringError('only_trainers');
	db.insert(courseGrants).values({ courseId: row.id, userId, grantedBy: admin.id, createdAt: at }).onConflictDoNothing().run();
	recordAudit({ actorId: admin.id, action: 'course.grant', entityType: 'course', entityId: row.slug, after: { userId } });
}

export function revokeEditing(admin: SessionUser, row: CourseRow, userId: number): void {
	if (!isAdmin(admin)) throw new AuthoringError('forbidden');
	db.delete(courseGrants).where(and(eq(courseGrants.courseId, row.id), eq(courseGrants.userId, userId))).run();
	recordAudit({ actorId: admin.id, action: 'course.revoke', entityType: 'course', entityId: row.slug, before: { userId } });
}

/** A course's versions, newest first, with their authors' names (a join: not every user of the organisation). */
export function versionHistory(row: CourseRow) {
	return db
		.select({ v: courseVersions, authorName: users.name })
		.from(courseVersions)
		.leftJoin(users, eq(users.id, courseVersions.createdBy))
		.where(eq(courseVersions.courseId, row.id))
		.orderBy(desc(courseVersions.number))
		.all()
		.map(({ v, authorName }) => ({ ...v, authorName: authorName ?? null, live: v.id === row.publishedVersionId }));
}

/** Route helper: the course if `user` may edit it, else a 404/403 page or API error. */
export function requireEditableCourse(user: SessionUser, slug: string): CourseRow {
	try {
		return editableCourse(user, slug);
	} catch (e) {
		if (e instanceof AuthoringError && e.code === 'not_found') error(404, { message: e.message, code: 'not_found' });
		if (e instanceof AuthoringError && e.code === 'forbidden') error(403, { message: e.message, code: 'forbidden' });
		throw e;
	}
}

export type FileIssue = { line: number; message: string; field: string | null };

/** Issues that belong to one file, with the frontmatter field they concern (for inline display). */
export function issuesForFile(issues: ContentIssue[], fileName: string): FileIssue[] {
	return issues
		.filter((i) => i.path.endsWith(`/${fileName}`))
		.map((i) => {
			const field =
				/^(title|summary|level|minutes|prerequisites|passMark|revealAnswersAfter|language)\b/.exec(i.message)?.[1] ??
				(/prerequisite/.test(i.message) ? 'prerequisites' : null);
			return { line: i.line, message: i.message, field };
		});
}
