import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { ApiFailure } from '$lib/server/http';
import { traineeReportFor, type TraineeReport } from '$lib/server/certification/trainee-report';
import { renderTraineeReportPdf } from '$lib/server/certification/trainee-report-pdf';

export const GET: RequestHandler = async (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	let report: TraineeReport;
	try {
		report = traineeReportFor(user, Number(event.params.id));
	} catch (err) {
		if (err instanceof ApiFailure) error(err.status, { message: err.message, code: err.code, requestId: event.locals.requestId });
		throw err;
	}
	const pdf = await renderTraineeReportPdf(report, event.locals.locale);
	return new Response(pdf as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="report-${report.trainee.id}.pdf"`,
			'cache-control': 'no-store'
		}
	});
};
