// One place for the Paraglide JS compiler options, shared by vite.config.ts (dev, build, vitest) and
// scripts/compile-messages.js (npm install, npm run check), so every path compiles the same runtime.
// No 'url' strategy: URLs stay the same in every language. The locale comes from the signed-in user's
// account setting ('custom-account', src/lib/i18n/strategy.ts), then the cookie the header switcher sets,
// then Accept-Language (server) / navigator.languages (browser), then English.

/** @type {import('@inlang/paraglide-js').CompilerOptions} */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['custom-account', 'cookie', 'preferredLanguage', 'baseLocale'],
	cookieName: 'PARAGLIDE_LOCALE'
};
