import { describe, expect, it } from 'vitest';
import { shortcutOf } from './shortcuts';

const key = (code: string, mods: Partial<{ altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
	code,
	altKey: false,
	shiftKey: false,
	ctrlKey: false,
	metaKey: false,
	...mods
});

describe('simulator shortcuts', () => {
	it('Alt+Shift+A goes to the answer box and Alt+Shift+C to the CRM', () => {
		expect(shortcutOf(key('KeyA', { altKey: true, shiftKey: true }))).toBe('answer');
		expect(shortcutOf(key('KeyC', { altKey: true, shiftKey: true }))).toBe('crm');
	});

	it('leaves typing and browser shortcuts alone', () => {
		expect(shortcutOf(key('KeyA'))).toBeNull();
		expect(shortcutOf(key('KeyA', { shiftKey: true }))).toBeNull();
		expect(shortcutOf(key('KeyC', { altKey: true }))).toBeNull();
		expect(shortcutOf(key('KeyC', { altKey: true, shiftKey: true, ctrlKey: true }))).toBeNull();
		expect(shortcutOf(key('Digit1', { altKey: true, shiftKey: true }))).toBeNull();
	});
});
