// GET /trainer/courses/:course/export[?version=N] — the course's Markdown folder as a zip (draft if any, else live).
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { requireEditableCourse, workingFiles } from '$lib/server/courses/authoring';
import { exportCourseZip } from '$lib/server/content/course-zip';
import { listVersions, versionFiles } from '$lib/server/courses/versions';
import { recordAudit } from '$lib/server/audit';
import { m } from '$lib/paraglide/messages';
import { formatDigits } from '$lib/i18n/format';

export const GET: RequestHandler = (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const row = requireEditableCourse(user, event.params.course);
	const wanted = event.url.searchParams.get('version');
	let files = workingFiles(row).files;
	if (wanted) {
		const version = listVersions(row.id).find((v) => String(v.number) === wanted);
		if (!version) error(404, { message: m.srv_no_version_of_course({ number: formatDigits(wanted) }), code: 'not_found' });
		files = versionFiles(version.id);
	}
	const zip = exportCourseZip(row.folder, files);
	recordAudit({ actorId: user.id, action: 'course.export', entityType: 'course', entityId: row.slug, after: { version: wanted ?? 'working' } });
	return new Response(new Uint8Array(zip.buffer as ArrayBuffer, zip.byteOffset, zip.byteLength), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${row.folder}${wanted ? `-v${wanted}` : ''}.zip"`,
			'cache-control': 'no-store'
		}
	});
};
