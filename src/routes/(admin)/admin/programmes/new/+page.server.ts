import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { ruleCatalogue } from '$lib/server/certification/programmes';
import { handleProgrammeForm } from '$lib/server/certification/programme-form';
import type { ProgrammeFormValues } from '$lib/schemas/certification';
import { DEFAULT_RETRAINING_DAYS } from '$lib/domain/retraining/what-changed';

const EMPTY: ProgrammeFormValues = {
	slug: '',
	title: '',
	description: '',
	validityMonths: '12',
	retrainingDays: String(DEFAULT_RETRAINING_DAYS),
	courses: [],
	prerequisites: [],
	recertifyCourses: [],
	recertifyCalls: true,
	calls: [],
	revokeNonMatching: false
};

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	return { catalogue: ruleCatalogue(), values: EMPTY };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = requireRole(event, 'admin');
		return handleProgrammeForm(event, admin.id);
	}
};
