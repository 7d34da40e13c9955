import { m } from '$lib/paraglide/messages.js';
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { errorSummary, parseForm } from '$lib/server/http';
import { AuthoringError, requireEditableCourse, restoreFile, restoreVersion, versionHistory } from '$lib/server/courses/authoring';
import { versionFiles } from '$lib/server/courses/versions';
import { diffLines, shownDiff, type DiffGap, type DiffLine } from '$lib/domain/line-diff';

type FileChange = { name: string; status: 'added' | 'removed'; text: string } | { name: string; status: 'changed'; rows: (DiffLine | DiffGap)[] };

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const row = requireEditableCourse(user, event.params.course);
	const versions = versionHistory(row);
	// Compare ?v=N with ?against=M (default: the version before N).
	const selected = versions.find((v) => String(v.number) === event.url.searchParams.get('v')) ?? versions[0];
	const againstParam = event.url.searchParams.get('against');
	const against = againstParam
		? versions.find((v) => String(v.number) === againstParam)
		: versions.find((v) => v.number < (selected?.number ?? 0));
	// Only the files that differ. A whole file added or removed is sent as its text (shown as numbered lines); a changed
	// file as the lines its diff shows (the changes with a line of context, gaps for the rest), not every line.
	let files: FileChange[] = [];
	if (selected) {
		const now = versionFiles(selected.id);
		const before = against ? versionFiles(against.id) : {};
		const names = [...new Set([...Object.keys(before), ...Object.keys(now)])].sort((a, b) => (a === 'course.md' ? -1 : b === 'course.md' ? 1 : a.localeCompare(b)));
		files = names.flatMap((name): FileChange[] => {
			const a = before[name];
			const b = now[name];
			if (a === b) return [];
			if (a === undefined || b === undefined) return [{ name, status: a === undefined ? 'added' : 'removed', text: (a ?? b ?? '').replace(/\r\n?/g, '\n') }];
			return [{ name, status: 'changed', rows: shownDiff(diffLines(a, b)) }];
		});
	}
	return {
		course: { slug: row.slug, title: (versions.find((v) => v.live) ?? versions[0])?.title ?? row.slug },
		versions: versions.map((v) => ({ number: v.number, status: v.status, source: v.source, title: v.title, note: v.note, authorName: v.authorName, createdAt: v.createdAt, updatedAt: v.updatedAt, publishedAt: v.publishedAt, live: v.live })),
		selected: selected?.number ?? null,
		against: against?.number ?? null,
		files
	};
};

const versionSchema = z.object({ version: z.string({ error: () => m.zod_choose_version() }).regex(/^\d{1,9}$/, { error: () => m.zod_choose_version() }).transform(Number) });
const fileSchema = versionSchema.extend({ file: z.string({ error: () => m.zod_choose_file() }).min(1, { error: () => m.zod_choose_file() }).max(200) });

export const actions: Actions = {
	restore: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const row = requireEditableCourse(user, event.params.course);
		const parsed = await parseForm(event.request, versionSchema);
		if (!parsed.ok) return fail(400, { error: errorSummary(parsed.failure.data.errors) });
		const number = parsed.data.version;
		const version = versionHistory(row).find((v) => v.number === number);
		if (!version) return fail(400, { error: m.srv_no_version() });
		try {
			restoreVersion(user, row, version.id);
		} catch (e) {
			if (e instanceof AuthoringError) return fail(400, { error: e.message });
			throw e;
		}
		redirect(303, `/trainer/courses/${row.slug}?restored=${number}`);
	},
	restoreFile: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const row = requireEditableCourse(user, event.params.course);
		const parsed = await parseForm(event.request, fileSchema);
		if (!parsed.ok) return fail(400, { error: errorSummary(parsed.failure.data.errors) });
		const { version: number, file } = parsed.data;
		const version = versionHistory(row).find((v) => v.number === number);
		if (!version) return fail(400, { error: m.srv_no_version() });
		try {
			restoreFile(user, row, version.id, file);
		} catch (e) {
			if (e instanceof AuthoringError) return fail(400, { error: e.message });
			throw e;
		}
		return { restoredFile: `${file} from version ${number} is now in the draft. Publish the draft to make it live.` };
	}
};
