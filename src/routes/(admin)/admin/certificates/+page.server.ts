import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { certificatesPage, countCertificates, withStatus } from '$lib/server/certification/certificates';
import { pageFromUrl, pageInfo } from '$lib/server/pagination';
import { listProgrammes } from '$lib/server/certification/programmes';
import { CERTIFICATE_STATUSES, type CertificateStatus } from '$lib/domain/certification/status';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	const now = new Date();
	const q = event.url.searchParams.get('q')?.trim().slice(0, 100) ?? '';
	const statusParam = event.url.searchParams.get('status') ?? '';
	const status = (CERTIFICATE_STATUSES as readonly string[]).includes(statusParam) ? statusParam : '';
	const programme = event.url.searchParams.get('programme') ?? '';
	const programmes = listProgrammes();
	const programmeId = programmes.find((p) => p.slug === programme)?.id;
	// One page in SQL (newest first, ?page=N) instead of every certificate filtered in memory.
	const filter = { q: q || undefined, status: (status || undefined) as CertificateStatus | undefined, programmeId };
	const info = pageInfo(countCertificates(filter, now), pageFromUrl(event.url));
	const rows = withStatus(certificatesPage(filter, now, { limit: info.size, offset: info.offset }), now);
	return {
		filters: { q, status, programme: programmeId ? programme : '' },
		programmes: programmes.map((p) => ({ slug: p.slug, title: p.title })),
		pageInfo: info,
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
			updateDue: c.updateDue,
			code: c.code
		}))
	};
};
