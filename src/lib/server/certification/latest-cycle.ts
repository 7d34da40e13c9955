// The latest-cycle test on certificates, on its own so that progress and certificate queries share it without
// importing each other.
import { sql } from 'drizzle-orm';
import { certificates } from '$lib/server/db/schema/certification';

/** The row is its holder's latest cycle of its programme (one probe of certificates_user_programme_cycle). */
export const isLatestCycle = sql`${certificates.cycle} = (select max(c2.cycle) from ${certificates} c2 where c2.user_id = ${certificates.userId} and c2.programme_id = ${certificates.programmeId})`;
