import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { traineeReport } from '$lib/server/certification/trainee-report';
import { renderTraineeReportPdf } from '$lib/server/certification/trainee-report-pdf';

export const GET: RequestHandler = async (event) => {
	requireRole(event, 'admin');
	const id = Number(event.params.id);
	const report = Number.isInteger(id) && id > 0 ? await traineeReport(id) : null;
	if (!report) error(404, { message: 'No user with that id.', requestId: event.locals.requestId });
	const pdf = await renderTraineeReportPdf(report);
	return new Response(pdf as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="report-${report.trainee.id}.pdf"`,
			'cache-control': 'no-store'
		}
	});
};
