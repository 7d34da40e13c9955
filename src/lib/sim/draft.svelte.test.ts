import { describe, expect, it } from 'vitest';
import { Draft } from './draft.svelte';

class MemoryStorage {
	data = new Map<string, string>();
	getItem = (k: string) => this.data.get(k) ?? null;
	setItem = (k: string, v: string) => void this.data.set(k, v);
	removeItem = (k: string) => void this.data.delete(k);
}

describe('Draft', () => {
	it('keeps unsent text across a reload and forgets it once sent', () => {
		const storage = new MemoryStorage();
		const before = new Draft('call-1:answer', storage);
		before.value = 'I am sorry to hear';
		const after = new Draft('call-1:answer', storage);
		expect(after.value).toBe('I am sorry to hear');
		after.clear();
		expect(new Draft('call-1:answer', storage).value).toBe('');
		expect(storage.data.size).toBe(0);
	});

	it('works without storage', () => {
		const draft = new Draft('x', null);
		draft.value = 'typed';
		expect(draft.value).toBe('typed');
	});
});
