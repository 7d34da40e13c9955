import { m } from '$lib/paraglide/messages.js';
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { errorSummary, parseForm } from '$lib/server/http';
import { AuthoringError, requireEditableCourse, restoreFile, restoreVersion } from '$lib/server/courses/authoring';
import { formatInteger } from '$lib/i18n/format';
import { FILES_PAGE, courseTitle, differingFileNames, fileChange, versionByNumber, versionsPage } from '$lib/server/courses/history';

/** A positive whole number from the query, or null (absent or not a number: the default applies). */
function numberParam(url: URL, name: string): number | null {
	const raw = url.searchParams.get(name);
	return raw !== null && /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const row = requireEditableCourse(user, event.params.course);
	const url = event.url;
	// A page of versions (?before=N: those under N), and the two compared whatever page is shown: ?v=N (default the
	// newest) against ?against=M (default the version before N). An unknown number falls back to the default.
	const { versions, older } = versionsPage(row, numberParam(url, 'before'));
	const selected = versionByNumber(row, numberParam(url, 'v')) ?? versionByNumber(row, null);
	const againstNumber = numberParam(url, 'against');
	const against = selected && ((againstNumber !== null ? versionByNumber(row, againstNumber) : undefined) ?? versionByNumber(row, selected.number, true));
	// The names of the files that differ (found in SQLite), then one page of them with at most MAX_SHOWN_LINES lines
	// each: a whole file added or removed as its lines, a changed file as the lines its diff shows.
	const names = selected ? differingFileNames(against?.id ?? null, selected.id) : [];
	const pages = Math.max(1, Math.ceil(names.length / FILES_PAGE));
	const filesPage = Math.min(numberParam(url, 'files') ?? 1, pages);
	const files = selected ? names.slice((filesPage - 1) * FILES_PAGE, filesPage * FILES_PAGE).map((f) => fileChange(against?.id ?? null, selected.id, f)) : [];
	return {
		course: { slug: row.slug, title: courseTitle(row) },
		versions: versions.map(({ id: _id, ...v }) => v),
		older,
		selected: selected?.number ?? null,
		against: against?.number ?? null,
		files,
		filesPage: { page: filesPage, pages, total: names.length, first: names.length ? (filesPage - 1) * FILES_PAGE + 1 : 0, last: Math.min(filesPage * FILES_PAGE, names.length) }
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
		const version = versionByNumber(row, number);
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
		const version = versionByNumber(row, number);
		if (!version) return fail(400, { error: m.srv_no_version() });
		try {
			restoreFile(user, row, version.id, file);
		} catch (e) {
			if (e instanceof AuthoringError) return fail(400, { error: e.message });
			throw e;
		}
		return { restoredFile: m.history_restored_file({ file, n: formatInteger(number) }) };
	}
};
