import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { fairUseSettings } from '$lib/server/ml/fair-use';
import { speechService } from '$lib/server/ml/service';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const status = await (await speechService()).backend.status();
	const now = Date.now();
	return {
		status,
		workers: status.workers.list.map((w) => ({ ...w, heartbeatAgoSec: w.lastHeartbeat ? Math.max(0, Math.round((now - Date.parse(w.lastHeartbeat)) / 1000)) : null })),
		fairUse: fairUseSettings(),
		checkedAt: new Date(now).toISOString()
	};
};
