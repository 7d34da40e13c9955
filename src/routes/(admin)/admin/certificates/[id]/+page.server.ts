import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/http';
import { revokeSchema } from '$lib/schemas/certification';
import { getCertificate, revokeCertificate } from '$lib/server/certification/certificates';
import { certificateStatus } from '$lib/domain/certification/status';
import { updatesDue } from '$lib/server/retraining/progress';

function loadCertificate(event: RequestEvent) {
	const id = Number(event.params.id);
	const cert = Number.isInteger(id) && id > 0 ? getCertificate(id) : undefined;
	if (!cert) error(404, { message: 'No certificate with that id.', requestId: event.locals.requestId });
	return cert;
}

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	const cert = loadCertificate(event);
	const now = new Date();
	return { certificate: { ...cert, status: certificateStatus(cert, now), updateDue: updatesDue([cert.id], now).get(cert.id) ?? null } };
};

export const actions: Actions = {
	revoke: async (event) => {
		const admin = requireRole(event, 'admin');
		const cert = loadCertificate(event);
		const parsed = await parseForm(event.request, revokeSchema);
		if (!parsed.ok) return parsed.failure;
		if (!revokeCertificate(cert.id, parsed.data.reason, admin.id)) {
			return fail(409, { errors: { _form: 'This certificate was already revoked.' }, values: parsed.values });
		}
		return { saved: 'Certificate revoked. The public verify page now shows it as revoked.' };
	}
};
