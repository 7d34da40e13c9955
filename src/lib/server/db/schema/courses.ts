// Courses: versions of Markdown content (imported from content/ or edited in the browser), editing
// grants, and each trainee's reading progress, quiz attempts and completions.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './users';

export const VERSION_STATUSES = ['draft', 'published'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
/** Where a version came from: content/ at start-up, the browser editor, a zip import, or a restore. */
export const VERSION_SOURCES = ['content', 'editor', 'import', 'restore'] as const;
export type VersionSource = (typeof VERSION_SOURCES)[number];

export const courses = sqliteTable('courses', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	slug: text('slug').notNull().unique(),
	/** Folder name `NN-slug`: orders the catalogue and names exports. */
	folder: text('folder').notNull(),
	/** Trainer who created it in the browser; null for courses that come from content/. */
	ownerId: integer('owner_id').references(() => users.id, { onDelete: 'set null' }),
	/** The version trainees see; null until first published. */
	publishedVersionId: integer('published_version_id'),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

export const courseVersions = sqliteTable(
	'course_versions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		courseId: integer('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		status: text('status', { enum: VERSION_STATUSES }).notNull(),
		source: text('source', { enum: VERSION_SOURCES }).notNull(),
		contentHash: text('content_hash').notNull(),
		/** Course title from course.md's frontmatter (best effort for drafts). */
		title: text('title').notNull(),
		/** Raw course.md (frontmatter + introduction). */
		courseMd: text('course_md').notNull(),
		note: text('note'),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		publishedAt: integer('published_at', { mode: 'timestamp_ms' })
	},
	(t) => [uniqueIndex('course_versions_number_idx').on(t.courseId, t.number), index('course_versions_course_idx').on(t.courseId)]
);

/** Lesson files of one version, exactly as written (frontmatter included). */
export const courseLessons = sqliteTable(
	'course_lessons',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		versionId: integer('version_id')
			.notNull()
			.references(() => courseVersions.id, { onDelete: 'cascade' }),
		fileName: text('file_name').notNull(),
		source: text('source').notNull()
	},
	(t) => [uniqueIndex('course_lessons_file_idx').on(t.versionId, t.fileName)]
);

/** Trainers allowed to edit a course they do not own (admins may edit everything). */
export const courseGrants = sqliteTable(
	'course_grants',
	{
		courseId: integer('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		grantedBy: integer('granted_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.courseId, t.userId] })]
);

/** Lessons a trainee has read (keyed by slug so progress survives new versions). */
export const lessonReads = sqliteTable(
	'lesson_reads',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		courseId: integer('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		lessonSlug: text('lesson_slug').notNull(),
		readAt: integer('read_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.courseId, t.lessonSlug] })]
);

/** Where a trainee was last in a course, to resume there. */
export const coursePositions = sqliteTable(
	'course_positions',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		courseId: integer('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		lessonSlug: text('lesson_slug').notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.courseId] })]
);

export const quizAttempts = sqliteTable(
	'quiz_attempts',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		courseId: integer('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		/** The course version the attempt was taken on. */
		versionId: integer('version_id')
			.notNull()
			.references(() => courseVersions.id, { onDelete: 'cascade' }),
		lessonSlug: text('lesson_slug').notNull(),
		/** Which ```quiz block of the lesson (0-based). */
		quizIndex: integer('quiz_index').notNull(),
		answers: text('answers', { mode: 'json' }).notNull(),
		score: integer('score').notNull(),
		passed: integer('passed', { mode: 'boolean' }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	// Covering the best-score and latest-pass reads (grouped by user, course, quiz) so they never touch the rows and
	// their answers JSON; its first two columns serve the per-user, per-course lists as the old (user, course) index did.
	(t) => [index('quiz_attempts_user_quiz_idx').on(t.userId, t.courseId, t.lessonSlug, t.quizIndex, t.passed, t.score, t.createdAt)]
);

/** First time a trainee met the completion rule for a course. */
export const courseCompletions = sqliteTable(
	'course_completions',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		courseId: integer('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		versionId: integer('version_id')
			.notNull()
			.references(() => courseVersions.id, { onDelete: 'cascade' }),
		completedAt: integer('completed_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.courseId] })]
);
