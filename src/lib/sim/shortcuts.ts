// Keyboard shortcuts of the simulator: jump between the answer box and the CRM without the mouse, and put focus
// somewhere useful when the control that had it disappears (Answer call, Verify identity, End call).
// Alt+Shift letters: Alt+digit switches browser tabs on Linux, Ctrl+letter is taken by the browser.
import { m } from '$lib/paraglide/messages';

export type ShortcutTarget = 'answer' | 'crm';

export const SIM_SHORTCUTS: Record<ShortcutTarget, { keys: string; aria: string; code: string; label: string }> = {
	answer: { keys: 'Alt+Shift+A', aria: 'Alt+Shift+A', code: 'KeyA', get label() { return m.sim_shortcut_answer(); } },
	crm: { keys: 'Alt+Shift+C', aria: 'Alt+Shift+C', code: 'KeyC', label: 'CRM' }
};

type KeyLike = Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code'>;

/** Which shortcut a key press is, if any (by physical key, so Alt+Shift+A on a Mac, which types "Å", still counts). */
export function shortcutOf(e: KeyLike): ShortcutTarget | null {
	if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return null;
	for (const [target, s] of Object.entries(SIM_SHORTCUTS) as [ShortcutTarget, (typeof SIM_SHORTCUTS)[ShortcutTarget]][]) {
		if (e.code === s.code) return target;
	}
	return null;
}

/** True when nothing useful has focus (the focused control was just removed, or nothing was focused). */
export function focusWasLost(doc: Document = document): boolean {
	const el = doc.activeElement;
	return !el || el === doc.body || !el.isConnected;
}
