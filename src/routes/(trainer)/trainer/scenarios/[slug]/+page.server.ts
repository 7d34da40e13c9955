import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema/users';
import { inArray } from 'drizzle-orm';
import { getScenarioRow, getVersion, listVersions, publishScenarioVersion, saveScenarioVersion } from '$lib/server/scenarios/versions';

/** Longest scenario YAML accepted from the editor. */
const MAX_YAML_CHARS = 200_000;

export const load: PageServerLoad = (event) => {
	requireRole(event, 'trainer', 'admin');
	const row = getScenarioRow(event.params.slug);
	if (!row) error(404, { message: 'There is no scenario with that address.', requestId: event.locals.requestId });
	const versions = listVersions(row.id);
	const asked = Number(event.url.searchParams.get('version'));
	const shown = (Number.isInteger(asked) && asked > 0 ? getVersion(row.id, asked) : null) ?? versions[0];
	const authorIds = [...new Set(versions.map((v) => v.createdBy).filter((id): id is number => id !== null))];
	const authors = new Map(
		authorIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, authorIds)).all().map((u) => [u.id, u.name]) : []
	);
	return {
		slug: row.slug,
		shown: { number: shown.number, yaml: shown.yaml, title: shown.title },
		/** the version asked for in the address (null = the latest): the editor restarts only when it changes */
		requested: shown.number === versions[0].number && !(asked > 0) ? null : shown.number,
		latestYaml: versions[0].yaml,
		versions: versions.map((v) => ({
			number: v.number,
			title: v.title,
			source: v.source,
			note: v.note,
			hash: v.contentHash,
			author: v.createdBy ? (authors.get(v.createdBy) ?? 'unknown') : 'content/scenarios',
			createdAt: v.createdAt,
			published: v.id === row.publishedVersionId
		}))
	};
};

const saveSchema = z.object({
	yaml: z.string().min(1, 'The scenario is empty.').max(MAX_YAML_CHARS, `Keep the scenario under ${MAX_YAML_CHARS / 1000}k characters.`),
	note: z.string().trim().max(200, 'Keep the note under 200 characters.')
});

export const actions: Actions = {
	save: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const form = await event.request.formData();
		const values = { yaml: String(form.get('yaml') ?? ''), note: String(form.get('note') ?? '') };
		const parsed = saveSchema.safeParse(values);
		if (!parsed.success) return fail(400, { save: { message: parsed.error.issues[0].message, issues: [], values } });
		const result = saveScenarioVersion(event.params.slug, parsed.data.yaml, user, parsed.data.note || null);
		if (!result.ok) {
			return fail(400, { save: { message: 'The scenario was not saved: fix the problems below.', issues: result.issues, values } });
		}
		return { saved: { number: result.version.number, unchanged: result.unchanged } };
	},
	publish: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const number = Number((await event.request.formData()).get('version'));
		if (!Number.isInteger(number) || number < 1) return fail(400, { publish: { message: 'Choose a version to publish.' } });
		const published = publishScenarioVersion(event.params.slug, number, user);
		if (!published) return fail(400, { publish: { message: `Version ${number} cannot be published: it does not exist or is no longer valid.` } });
		return { published: { number } };
	}
};
