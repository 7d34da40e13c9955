// Certificate verification codes: 160 random bits in base32 (32 characters, A–Z and 2–7), far past
// guessing range, and easy to read out or type from a printed certificate.
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';

export const CODE_BYTES = 20;

export function newCertificateCode(): string {
	const bytes = new Uint8Array(CODE_BYTES);
	crypto.getRandomValues(bytes);
	return encodeBase32UpperCaseNoPadding(bytes);
}
