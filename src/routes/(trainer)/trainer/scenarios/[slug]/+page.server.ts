import { formatDigits, formatInteger } from '$lib/i18n/format';
import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { integerText } from '$lib/schemas/number';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { errorSummary, parseForm } from '$lib/server/http';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema/users';
import { listTrainers } from '$lib/server/db/queries/users';
import { inArray } from 'drizzle-orm';
import { getScenarioRow, getVersion, listVersions, publishScenarioVersion, saveScenarioVersion, unpublishScenario } from '$lib/server/scenarios/versions';
import { scenarioPlaceholderText } from '$lib/server/scenarios/starter';
import { describePlaceholders } from '$lib/domain/placeholder-text';
import { CHANGE_LEVELS } from '$lib/domain/retraining/what-changed';
import { isoDay } from '$lib/domain/assignments/assignments';
import { retrainingReach, scenarioVersionChanges, startRetraining } from '$lib/server/retraining/retraining';
import { m } from '$lib/paraglide/messages';
import {
	canEditScenario,
	grantScenarioEditing,
	notYours,
	requireEditableScenario,
	revokeScenarioEditing,
	scenarioEditors
} from '$lib/server/scenarios/rights';

/** Longest scenario YAML accepted from the editor. */
const MAX_YAML_CHARS = 200_000;

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const row = getScenarioRow(event.params.slug);
	if (!row) error(404, { message: m.srv_no_scenario_address(), requestId: event.locals.requestId });
	const versions = listVersions(row.id);
	const asked = Number(event.url.searchParams.get('version'));
	const shown = (Number.isInteger(asked) && asked > 0 ? getVersion(row.id, asked) : null) ?? versions[0];
	const authorIds = [...new Set(versions.map((v) => v.createdBy).filter((id): id is number => id !== null))];
	const authors = new Map(
		authorIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, authorIds)).all().map((u) => [u.id, u.name]) : []
	);
	const editors = scenarioEditors(row);
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
		})),
		canEdit: canEditScenario(user, row),
		/** A version was live before: publishing another asks whether the change is minor or significant. */
		retraining: versions.some((v) => v.publishedAt) ? retrainingReach('scenario', row.slug) : null,
		owner: editors.owner,
		grants: editors.grants.map((g) => ({ userId: g.userId, name: g.name, email: g.email })),
		/** trainers an admin could still grant it to */
		grantable: user.roles.includes('admin') ? listTrainers().filter((t) => t.id !== row.createdBy && !editors.grants.some((g) => g.userId === t.id)) : null
	};
};

const saveSchema = z.object({
	yaml: z.string().min(1, { error: () => m.zod_scenario_empty() }).max(MAX_YAML_CHARS, { error: () => m.zod_scenario_max({ k: formatInteger(MAX_YAML_CHARS / 1000) }) }),
	note: z.string().trim().max(200, { error: () => m.zod_note_max({ max: formatInteger(200) }) }).default('')
});
/** The first value of a field as typed (a repeated field keeps its first copy). */
const typed = (value: string | string[] | undefined) => [value ?? ''].flat()[0] ?? '';

const positiveInt = (message: () => string) => integerText(message).pipe(z.number().int({ error: message }).min(1, { error: message }));
const publishSchema = z.object({
	version: positiveInt(() => m.zod_choose_version_publish()),
	/** "Publish anyway" after the placeholder warning. */
	confirm: z.literal('placeholders', { error: () => m.zod_publish_buttons() }).optional(),
	/** A significant change asks dependent certificate holders to retrain. */
	change: z.enum(CHANGE_LEVELS, { error: () => m.zod_change_level() }).default('minor')
});
const trainerSchema = z.object({ userId: positiveInt(() => m.zod_choose_trainer()) });

/** The trainer named in a grant/revoke form, or the 400 to return. */
async function trainerOf(request: Request) {
	const parsed = await parseForm(request, trainerSchema);
	return parsed.ok
		? { ok: true as const, userId: parsed.data.userId }
		: { ok: false as const, failure: fail(400, { rights: { error: errorSummary(parsed.failure.data.errors) } }) };
}

export const actions: Actions = {
	save: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const row = getScenarioRow(event.params.slug);
		if (!row) error(404, { message: m.srv_no_scenario(), requestId: event.locals.requestId });
		const parsed = await parseForm(event.request, saveSchema);
		const sent = parsed.ok ? parsed.values : parsed.failure.data.values;
		const values = { yaml: typed(sent.yaml), note: typed(sent.note) };
		// 403, but the typed text comes back with it so nothing is lost (e.g. rights removed while editing).
		if (!canEditScenario(user, row)) return fail(403, { save: { message: notYours(), issues: [], values } });
		if (!parsed.ok) return fail(400, { save: { message: errorSummary(parsed.failure.data.errors, { yaml: m.srv_scenario_field_yaml(), note: m.srv_scenario_field_note() }), issues: [], values } });
		const result = saveScenarioVersion(event.params.slug, parsed.data.yaml, user, parsed.data.note || null);
		if (!result.ok) {
			return fail(400, { save: { message: m.srv_scenario_not_saved(), issues: result.issues, values } });
		}
		return { saved: { number: result.version.number, unchanged: result.unchanged } };
	},
	publish: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const row = getScenarioRow(event.params.slug);
		if (!row) error(404, { message: m.srv_no_scenario(), requestId: event.locals.requestId });
		if (!canEditScenario(user, row)) return fail(403, { publish: { message: notYours() } });
		const parsed = await parseForm(event.request, publishSchema);
		if (!parsed.ok) return fail(400, { publish: { message: errorSummary(parsed.failure.data.errors) } });
		const number = parsed.data.version;
		const version = getVersion(row.id, number);
		const placeholders = version ? scenarioPlaceholderText(row.slug, version.yaml) : [];
		if (placeholders.length && parsed.data.confirm !== 'placeholders') {
			return fail(409, {
				confirmPublish: {
					message: (placeholders.length === 1 ? m.srv_scenario_placeholders_one : m.srv_scenario_placeholders_other)({ number: formatDigits(number), count: formatInteger(placeholders.length) }),
					placeholders: describePlaceholders(placeholders),
					version: number,
					change: parsed.data.change
				}
			});
		}
		// What changed is taken before publishing: afterwards the new version is the live one.
		const changed = parsed.data.change === 'significant' ? scenarioVersionChanges(row.slug, number) : null;
		const published = publishScenarioVersion(event.params.slug, number, user);
		if (!published) return fail(400, { publish: { message: m.srv_version_not_publishable({ number: formatDigits(number) }) } });
		if (!changed) return { published: { number, retraining: null } };
		const started = startRetraining({ kind: 'scenario', slug: row.slug, title: published.title, fromVersion: changed.fromVersion, toVersion: number, changes: changed.changes }, user);
		return { published: { number, retraining: m.retrain_started({ count: started.trainees, date: isoDay(started.dueAt) }) } };
	},
	unpublish: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const row = getScenarioRow(event.params.slug);
		if (!row) error(404, { message: m.srv_no_scenario(), requestId: event.locals.requestId });
		if (!canEditScenario(user, row)) return fail(403, { publish: { message: notYours() } });
		if (!unpublishScenario(row.slug, user)) return fail(400, { publish: { message: m.srv_scenario_not_published() } });
		return { unpublished: true };
	},
	grant: async (event) => {
		const user = requireRole(event, 'admin');
		const row = requireEditableScenario(user, event.params.slug);
		const trainer = await trainerOf(event.request);
		if (!trainer.ok) return trainer.failure;
		const result = grantScenarioEditing(user, row, trainer.userId);
		if (!result.ok) return fail(400, { rights: { error: result.message } });
		return { rights: { message: m.srv_rights_granted() } };
	},
	revoke: async (event) => {
		const user = requireRole(event, 'admin');
		const row = requireEditableScenario(user, event.params.slug);
		const trainer = await trainerOf(event.request);
		if (!trainer.ok) return trainer.failure;
		const result = revokeScenarioEditing(user, row, trainer.userId);
		if (!result.ok) return fail(400, { rights: { error: result.message } });
		return { rights: { message: m.srv_rights_removed() } };
	}
};
