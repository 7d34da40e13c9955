// For tests: every statement a piece of code runs on the app's connection, with its parameters, while it runs for
// real. Statements are watched where they are prepared, so the statement cache is emptied first (and again after,
// so no watched statement stays in it).
import { clearStatementCache, sqlite } from '$lib/server/db';

export interface RecordedStatement {
	sql: string;
	params: unknown[];
}

export function recordStatements<T>(fn: () => T): { result: T; statements: RecordedStatement[] } {
	const statements: RecordedStatement[] = [];
	const prepare = sqlite.prepare;
	const wrap = (stmt: ReturnType<typeof prepare>, source: string): ReturnType<typeof prepare> =>
		new Proxy(stmt, {
			get(target, prop) {
				const value = Reflect.get(target, prop, target);
				if (prop === 'raw' || prop === 'pluck' || prop === 'expand') return (...a: unknown[]) => wrap(value.apply(target, a), source);
				if (prop === 'all' || prop === 'get' || prop === 'run' || prop === 'iterate') {
					return (...params: unknown[]) => {
						statements.push({ sql: source, params });
						return value.apply(target, params);
					};
				}
				return typeof value === 'function' ? value.bind(target) : value;
			}
		});
	clearStatementCache();
	sqlite.prepare = ((source: string) => wrap(prepare.call(sqlite, source), source)) as typeof prepare;
	try {
		return { result: fn(), statements };
	} finally {
		sqlite.prepare = prepare;
		clearStatementCache();
	}
}
