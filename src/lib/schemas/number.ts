// Numbers typed into forms and query strings, parsed strictly: plain decimal digits with an optional sign and
// fraction. `z.coerce.number()` would take "0x10" (16), "1e3", " " (0) and "Infinity"; these are refused.
import { z } from 'zod';

const DECIMAL = /^[+-]?\d{1,15}(?:\.\d{1,15})?$/;

/** A decimal number written as text, as a number; anything else gets `message`. Chain `.pipe(z.number()…)` for bounds. */
export function decimalText(message: string) {
	return z
		.string(message)
		.trim()
		.regex(DECIMAL, message)
		.transform(Number);
}

/** A whole number written as text (digits only, optional sign). */
export function integerText(message: string) {
	return z
		.string(message)
		.trim()
		.regex(/^[+-]?\d{1,15}$/, message)
		.transform(Number);
}
