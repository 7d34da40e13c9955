// For tests of a migration's backfill: the one statement of `drizzle/*<fileSuffix>` that contains `containing`, to
// run again on data the app wrote and compare with what the app keeps.
import { readFileSync, readdirSync } from 'node:fs';

export function migrationStatement(fileSuffix: string, containing: string): string {
	const file = readdirSync('drizzle').find((f) => f.endsWith(fileSuffix));
	if (!file) throw new Error(`no migration ends with ${fileSuffix}`);
	const statement = readFileSync(`drizzle/${file}`, 'utf8')
		.split('--> statement-breakpoint')
		.find((s) => s.includes(containing));
	if (!statement) throw new Error(`${file} has no statement with ${containing}`);
	return statement;
}
