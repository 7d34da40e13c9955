// Scenario picker: every scenario with its difficulty and the caller's starting mood, the trainee's past attempts,
// a link back into an unfinished call, and a form to start a new one.
import { fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { ApiFailure, parseForm } from '$lib/server/http';
import { listPublishedScenarios } from '$lib/server/scenarios/published';
import { listCallsOf, startCall } from '$lib/server/calls/service';
import { angryStart } from '$lib/server/calls/results';
import { startCallSchema } from '$lib/schemas/call-api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const attempts = listCallsOf([user.id]);
	const scenarios = listPublishedScenarios()
		.map(({ scenario }) => {
			const mine = attempts.filter((a) => a.scenarioSlug === scenario.slug);
			const scored = mine.filter((a) => a.total !== null).map((a) => a.total as number);
			return {
				slug: scenario.slug,
				title: scenario.title,
				summary: scenario.summary,
				difficulty: scenario.difficulty,
				company: scenario.company,
				learningGoals: scenario.learningGoals,
				startAnger: scenario.anger.start,
				angryStart: angryStart(scenario),
				attempts: scored.length,
				best: scored.length ? Math.max(...scored) : null,
				openCallId: mine.find((a) => a.state !== 'completed')?.id ?? null
			};
		})
		.sort((a, b) => a.title.localeCompare(b.title));
	const titles = new Map(scenarios.map((s) => [s.slug, s.title]));
	return {
		scenarios,
		recent: attempts.slice(0, 10).map((a) => ({ ...a, title: titles.get(a.scenarioSlug) ?? a.scenarioSlug }))
	};
};

export const actions: Actions = {
	start: async (event) => {
		const user = requireUser(event);
		const parsed = await parseForm(event.request, startCallSchema);
		if (!parsed.ok) return fail(400, { error: parsed.failure.data.errors._form ?? 'Choose a scenario to practise.' });
		let id: string;
		try {
			id = startCall(user.id, parsed.data.scenarioSlug).id;
		} catch (err) {
			if (err instanceof ApiFailure) return fail(err.status, { error: err.message });
			throw err;
		}
		redirect(303, `/calls/${id}`);
	}
};
