import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { verifyCertificate } from '$lib/server/certification/certificates';

// Public: anyone holding the code may check the certificate. Only holder, programme, dates and status leave the server.
export const load: PageServerLoad = (event) => {
	const verified = verifyCertificate(event.params.code);
	if (!verified) {
		error(404, { message: m.verify_not_found(), requestId: event.locals.requestId });
	}
	event.setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	// The holder's language only picks the PDF's language; the page does not show it.
	const { language: _language, ...certificate } = verified;
	return { certificate };
};
