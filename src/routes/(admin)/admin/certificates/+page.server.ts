import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { allCertificates } from '$lib/server/certification/certificates';
import { listProgrammes } from '$lib/server/certification/programmes';
import { CERTIFICATE_STATUSES, certificateStatus } from '$lib/domain/certification/status';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	const now = new Date();
	const q = event.url.searchParams.get('q')?.trim().slice(0, 100) ?? '';
	const statusParam = event.url.searchParams.get('status') ?? '';
	const status = (CERTIFICATE_STATUSES as readonly string[]).includes(statusParam) ? statusParam : '';
	const programme = event.url.searchParams.get('programme') ?? '';
	const programmes = listProgrammes();
	const programmeId = programmes.find((p) => p.slug === programme)?.id;
	const rows = allCertificates()
		.map((c) => ({ ...c, status: certificateStatus(c, now) }))
		.filter((c) => !status || c.status === status)
		.filter((c) => !programmeId || c.programmeId === programmeId)
		.filter((c) => !q || `${c.holderName} ${c.holderEmail} ${c.code}`.toLowerCase().includes(q.toLowerCase()));
	return {
		filters: { q, status, programme: programmeId ? programme : '' },
		programmes: programmes.map((p) => ({ slug: p.slug, title: p.title })),
		certificates: rows.map((c) => ({
			id: c.id,
			userId: c.userId,
			holderName: c.holderName,
			holderEmail: c.holderEmail,
			programmeTitle: c.programmeTitle,
			cycle: c.cycle,
			issuedAt: c.issuedAt,
			expiresAt: c.expiresAt,
			status: c.status,
			code: c.code
		}))
	};
};
