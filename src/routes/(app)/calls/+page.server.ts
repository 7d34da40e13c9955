// Scenario picker: every scenario with its difficulty and the caller's starting mood, the trainee's past attempts,
// a link back into an unfinished call, and a form to start a new one.
import { fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { ApiFailure, parseForm } from '$lib/server/http';
import { listPublishedScenarios } from '$lib/server/scenarios/published';
import { listCallsOf, openCallOf, openCallsOf, startCall } from '$lib/server/calls/service';
import { scenarioStatsOf } from '$lib/server/calls/stats';
import { CALL_STATE_LABELS } from '$lib/domain/call-lifecycle';
import { m } from '$lib/paraglide/messages';
import { angryStart } from '$lib/server/calls/results';
import { startCallSchema } from '$lib/schemas/call-api';
import { CONTENT_LANGUAGES } from '$lib/schemas/course';
import { languageName } from '$lib/server/content/course-language';
import { contentLocale } from '$lib/server/courses/content-locale';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const reader = contentLocale(event);
	// Stored per trainee × scenario (trainee_scenario_stats), the few open calls and the last 10: no read grows with
	// the number of calls the trainee has made.
	const stats = scenarioStatsOf(user.id);
	const open = openCallsOf(user.id);
	const scenarios = listPublishedScenarios()
		.map(({ scenario }) => {
			const mine = stats.get(scenario.slug);
			const openCall = open.find((c) => c.scenarioSlug === scenario.slug);
			return {
				slug: scenario.slug,
				language: scenario.language,
				title: scenario.title,
				summary: scenario.summary,
				difficulty: scenario.difficulty,
				company: scenario.company,
				outbound: scenario.direction === 'outbound',
				learningGoals: scenario.learningGoals,
				startAnger: scenario.anger.start,
				angryStart: angryStart(scenario),
				attempts: mine?.attempts ?? 0,
				best: mine?.best ?? null,
				openCallId: openCall?.id ?? null,
				openCallMode: openCall?.mode ?? null
			};
		})
		.sort((a, b) => a.title.localeCompare(b.title));
	const titles = new Map(scenarios.map((s) => [s.slug, s.title]));
	// The calls in the trainee's language first; those in another language after, each under its own heading (a
	// bilingual centre trains some agents in both).
	const groups = [reader, ...CONTENT_LANGUAGES.filter((l) => l !== reader)]
		.map((language) => ({ language, name: languageName(language, reader), scenarios: scenarios.filter((s) => s.language === language) }))
		.filter((g) => g.scenarios.length > 0);
	return {
		groups,
		recent: listCallsOf([user.id], 10).map((a) => ({ ...a, title: titles.get(a.scenarioSlug) ?? a.scenarioSlug }))
	};
};

export const actions: Actions = {
	start: async (event) => {
		const user = requireUser(event);
		const parsed = await parseForm(event.request, startCallSchema);
		if (!parsed.ok) return fail(400, { error: parsed.failure.data.errors._form ?? m.srv_call_choose_scenario(), resume: null });
		const { scenarioSlug, mode } = parsed.data;
		// A second call of a scenario whose call is still open would leave the first one dangling: offer to resume it.
		const open = openCallOf(user.id, scenarioSlug);
		if (open) {
			const title = listPublishedScenarios().find((p) => p.scenario.slug === scenarioSlug)?.scenario.title ?? scenarioSlug;
			return fail(409, {
				error: (open.mode === 'practice' ? m.srv_call_open_practice : m.srv_call_open_assessment)({ title, state: CALL_STATE_LABELS[open.state].toLowerCase() }),
				resume: { callId: open.id as string }
			});
		}
		let id: string;
		try {
			id = startCall(user.id, scenarioSlug, new Date(), mode).id;
		} catch (err) {
			if (err instanceof ApiFailure) return fail(err.status, { error: err.message, resume: null });
			throw err;
		}
		redirect(303, `/calls/${id}`);
	}
};
