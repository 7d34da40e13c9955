import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/http';
import { estimateTextTone } from '$lib/server/ml/tone';
import { toneBodySchema } from '$lib/schemas/speech';

export const load: PageServerLoad = (event) => {
	requireUser(event);
	return {};
};

export const actions: Actions = {
	// The typing fallback: works without JavaScript and without a microphone.
	tone: async (event) => {
		requireUser(event);
		const parsed = await parseForm(event.request, toneBodySchema);
		if (!parsed.ok) return parsed.failure;
		if (!parsed.data.text.trim()) return fail(400, { errors: { text: m.voice_check_type_sentence() }, values: parsed.values });
		return { text: parsed.data.text, tone: estimateTextTone(parsed.data.text, { speaker: 'agent' }) };
	}
};
