import { describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTE_MATRIX } from '../route-matrix';
import { GROUP_ACCESS, routeGroup } from '../../src/lib/domain/roles';

/** Route ids as SvelteKit derives them: every folder under src/routes that holds a +page or +server file. */
function routeIds(dir = 'src/routes', id = ''): string[] {
	const entries = readdirSync(dir);
	const here = entries.some((f) => /^\+(page|server)\.(svelte|ts|js)$/.test(f)) ? [id || '/'] : [];
	return [
		...here,
		...entries
			.filter((f) => statSync(join(dir, f)).isDirectory())
			.flatMap((f) => routeIds(join(dir, f), `${id}/${f}`))
	];
}

describe('role × route matrix', () => {
	const ids = routeIds();

	it('has an entry for every route in src/routes', () => {
		const missing = ids.filter((id) => !(id in ROUTE_MATRIX));
		expect(missing, `add these routes to tests/route-matrix.ts`).toEqual([]);
	});

	it('has no entry for a route that does not exist', () => {
		const stale = Object.keys(ROUTE_MATRIX).filter((id) => !ids.includes(id));
		expect(stale).toEqual([]);
	});

	it('puts every route inside a known route group', () => {
		const ungrouped = ids.filter((id) => {
			const g = routeGroup(id);
			return !g || !(g in GROUP_ACCESS);
		});
		expect(ungrouped).toEqual([]);
	});
});
