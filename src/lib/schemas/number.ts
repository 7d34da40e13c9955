// Numbers typed into forms and query strings, parsed strictly: plain decimal digits with an optional sign and
// fraction. `z.coerce.number()` would take "0x10" (16), "1e3", " " (0) and "Infinity"; these are refused.
import { z } from 'zod';

const DECIMAL = /^[+-]?\d{1,15}(?:\.\d{1,15})?$/;

/** A schema's own message: text, or a function so the words are looked up per request in the reader's language. */
export type SchemaMessage = string | (() => string);

/** A decimal number written as text, as a number; anything else gets `message`. Chain `.pipe(z.number()…)` for bounds. */
export function decimalText(message: SchemaMessage) {
	return z
		.string({ error: message })
		.trim()
		.regex(DECIMAL, { error: message })
		.transform(Number);
}

/** A whole number written as text (digits only, optional sign). */
export function integerText(message: SchemaMessage) {
	return z
		.string({ error: message })
		.trim()
		.regex(/^[+-]?\d{1,15}$/, { error: message })
		.transform(Number);
}
