// Speaks the caller's lines with the browser's speech synthesis, when the browser has it and the trainee has not
// switched it off (the choice is remembered). Lines queue so replies are never cut off.

const STORAGE_KEY = 'callcraft:customer-voice';

export class CustomerVoice {
	readonly available: boolean;
	enabled = $state(true);
	speaking = $state(false);
	#storage: Storage | null;

	constructor(win: (Window & typeof globalThis) | null = typeof window === 'undefined' ? null : window) {
		this.available = !!win && 'speechSynthesis' in win && typeof win.SpeechSynthesisUtterance === 'function';
		this.#storage = win?.localStorage ?? null;
		this.enabled = this.#storage?.getItem(STORAGE_KEY) !== 'off';
	}

	toggle(on = !this.enabled): void {
		this.enabled = on;
		this.#storage?.setItem(STORAGE_KEY, on ? 'on' : 'off');
		if (!on) this.stop();
	}

	speak(text: string): void {
		if (!this.available || !this.enabled) return;
		const utterance = new SpeechSynthesisUtterance(text);
		utterance.rate = 1.05;
		utterance.onstart = () => (this.speaking = true);
		utterance.onend = utterance.onerror = () => (this.speaking = window.speechSynthesis.pending || window.speechSynthesis.speaking);
		window.speechSynthesis.speak(utterance);
	}

	stop(): void {
		if (!this.available) return;
		window.speechSynthesis.cancel();
		this.speaking = false;
	}
}
