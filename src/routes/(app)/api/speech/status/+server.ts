// GET /api/speech/status — whether voice mode is available (with loading progress for the UI), the queue depth and
// the speech workers. Admins also get each worker's id, models, memory and restarts (the admin speech page).
import { json } from '@sveltejs/kit';
import { hasAnyRole } from '$lib/domain/roles';
import { requireUser } from '$lib/server/auth/guards';
import { apiHandler } from '$lib/server/http';
import { speechService } from '$lib/server/ml/service';

export const GET = apiHandler(async (event) => {
	const user = requireUser(event);
	const status = await (await speechService()).backend.status();
	const lastHeartbeat = status.workers.list.map((w) => w.lastHeartbeat).reduce<string | null>((a, b) => (b && (!a || b > a) ? b : a), null);
	const workers = hasAnyRole(user.roles, ['admin']) ? { ...status.workers, lastHeartbeat } : { count: status.workers.count, lastHeartbeat };
	return json({ ...status, workers });
});
