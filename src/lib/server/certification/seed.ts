// Demo programmes "CRM Call Handling — Level 1" and "De-escalation Specialist" (idempotent: a
// programme whose slug exists is left as the admin last saved it).
import { db } from '$lib/server/db';
import { programmes } from '$lib/server/db/schema/certification';
import { DEMO_PROGRAMMES } from './demo-programmes';

export { DEMO_PROGRAMMES };

export function seedDemoProgrammes(now = new Date()): number {
	let created = 0;
	for (const p of DEMO_PROGRAMMES) {
		const row = db
			.insert(programmes)
			.values({ ...p, createdAt: now, updatedAt: now })
			.onConflictDoNothing({ target: programmes.slug })
			.returning({ id: programmes.id })
			.get();
		if (row) created++;
	}
	return created;
}
