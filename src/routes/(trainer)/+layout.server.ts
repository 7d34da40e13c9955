import type { LayoutServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';

// Renders the 403 page for signed-in users without the role (the hook already refused every non-GET request).
export const load: LayoutServerLoad = (event) => {
	requireRole(event, 'trainer', 'admin');
};
