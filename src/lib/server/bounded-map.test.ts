import { describe, expect, it } from 'vitest';
import { remember } from './bounded-map';

describe('remember', () => {
	it('keeps the most recently set entries up to the capacity, dropping the least recently used', () => {
		const map = new Map<string, number>();
		remember(map, 'a', 1, 2);
		remember(map, 'b', 2, 2);
		remember(map, 'a', 3, 2); // 'a' used again: 'b' is now the oldest
		expect(remember(map, 'c', 4, 2)).toBe(4);
		expect([...map]).toEqual([
			['a', 3],
			['c', 4]
		]);
	});
});
