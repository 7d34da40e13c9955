// Runs a named seed at most once per database, so a second start never duplicates demo data.
import { eq } from 'drizzle-orm';
import { db } from '../db';
import { seedRuns } from '../db/schema/users';

export async function runSeedOnce(name: string, seed: () => void | Promise<void>): Promise<boolean> {
	if (db.select().from(seedRuns).where(eq(seedRuns.name, name)).get()) return false;
	await seed();
	db.insert(seedRuns).values({ name, ranAt: new Date() }).onConflictDoNothing().run();
	return true;
}
