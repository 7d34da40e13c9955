import { m } from '$lib/paraglide/messages';
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/http';
import { revokeSchema } from '$lib/schemas/certification';
import { getCertificate, revokeCertificate, withStatus } from '$lib/server/certification/certificates';

function loadCertificate(event: RequestEvent) {
	const id = Number(event.params.id);
	const cert = Number.isInteger(id) && id > 0 ? getCertificate(id) : undefined;
	if (!cert) error(404, { message: m.admin_cert_not_found(), requestId: event.locals.requestId });
	return cert;
}

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	const cert = loadCertificate(event);
	const now = new Date();
	return { certificate: withStatus([cert], now)[0] };
};

export const actions: Actions = {
	revoke: async (event) => {
		const admin = requireRole(event, 'admin');
		const cert = loadCertificate(event);
		const parsed = await parseForm(event.request, revokeSchema);
		if (!parsed.ok) return parsed.failure;
		if (!revokeCertificate(cert.id, parsed.data.reason, admin.id)) {
			return fail(409, { errors: { _form: m.admin_cert_already_revoked() }, values: parsed.values });
		}
		return { saved: m.admin_cert_revoked_saved() };
	}
};
