// Demo data for scenarios: trainers get editing rights on some shipped scenarios (idempotent).
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema/users';
import { scenarioGrants } from '$lib/server/db/schema/scenarios';
import { runSeedOnce } from '$lib/server/seed/run-once';
import { getScenarioRow } from './versions';

const DEMO_GRANTS = [
	{ email: 'priya@callcraft.demo', scenario: 'angry-billing-dispute' },
	{ email: 'priya@callcraft.demo', scenario: 'complaint-escalation' },
	{ email: 'tom@callcraft.demo', scenario: 'technical-fault-ticket' },
	{ email: 'tom@callcraft.demo', scenario: 'appointment-booking' }
];

export function seedScenarioGrants(): Promise<boolean> {
	return runSeedOnce('demo-scenario-grants', () => {
		for (const g of DEMO_GRANTS) {
			const user = db.select({ id: users.id }).from(users).where(eq(users.email, g.email)).get();
			const scenario = getScenarioRow(g.scenario);
			if (!user || !scenario) continue;
			db.insert(scenarioGrants).values({ scenarioId: scenario.id, userId: user.id, grantedBy: null, createdAt: new Date() }).onConflictDoNothing().run();
		}
	});
}
