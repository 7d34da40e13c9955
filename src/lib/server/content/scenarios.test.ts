import { describe, expect, it } from 'vitest';
import { loadScenarios } from './scenarios';

describe('shipped scenarios', () => {
	it('all load without errors', () => {
		const files = loadScenarios();
		expect(files.length).toBeGreaterThanOrEqual(1);
	});
});
