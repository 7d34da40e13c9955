// Text the trainee is still writing (the answer box, the acknowledgement e-mail), kept in sessionStorage so a
// reload does not lose it. Cleared once the text has been sent.

export class Draft {
	#value = $state('');
	#key: string;
	#storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;

	constructor(key: string, storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = typeof sessionStorage === 'undefined' ? null : sessionStorage) {
		this.#key = `callcraft:draft:${key}`;
		this.#storage = storage;
		try {
			this.#value = storage?.getItem(this.#key) ?? '';
		} catch {
			this.#value = '';
		}
	}

	get value(): string {
		return this.#value;
	}

	set value(text: string) {
		this.#value = text;
		try {
			if (text) this.#storage?.setItem(this.#key, text);
			else this.#storage?.removeItem(this.#key);
		} catch {
			// Storage blocked or full: the draft still lives in memory.
		}
	}

	clear(): void {
		this.value = '';
	}
}

/** Forget every draft whose key starts with `prefix` (e.g. all drafts of a finished call). */
export function clearDrafts(prefix: string, storage: Storage | null = typeof sessionStorage === 'undefined' ? null : sessionStorage): void {
	if (!storage) return;
	const full = `callcraft:draft:${prefix}`;
	for (const key of Object.keys(storage)) if (key.startsWith(full)) storage.removeItem(key);
}
