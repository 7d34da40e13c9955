import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { verifyCertificate } from '$lib/server/certification/certificates';
import { renderCertificatePdf } from '$lib/server/certification/certificate-pdf';
import { certificationLinks } from '$lib/components/certification/links';

// Public like the verify page: the PDF carries exactly what that page shows, plus the code and QR.
export const GET: RequestHandler = async (event) => {
	const verified = verifyCertificate(event.params.code);
	if (!verified) error(404, { message: m.srv_no_certificate_code(), requestId: event.locals.requestId });
	const pdf = await renderCertificatePdf({
		holderName: verified.holderName,
		programmeTitle: verified.programmeTitle,
		issuedAt: verified.issuedAt,
		expiresAt: verified.expiresAt,
		code: verified.code,
		verifyUrl: new URL(certificationLinks.verify(verified.code), event.url.origin).href,
		status: verified.status,
		now: new Date(),
		language: verified.language
	});
	return new Response(pdf as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="certificate-${verified.code}.pdf"`,
			'cache-control': 'no-store',
			'x-robots-tag': 'noindex'
		}
	});
};
