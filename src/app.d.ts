import type { SessionUser, ValidSession } from '$lib/server/auth/session';
import type { Locale } from '$lib/i18n/locales';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
			requestId?: string;
		}
		interface Locals {
			requestId: string;
			user: SessionUser | null;
			session: ValidSession | null;
			/** Interface language of this request: account setting → cookie → Accept-Language → 'en'. */
			locale: Locale;
		}
		interface Platform {
			/** adapter-node: the Node request (the front door of scripts/server.js notes its admission time on it). */
			req?: import('node:http').IncomingMessage;
		}
	}
}

export {};
