// `npm start`: build, then serve on :3000. The server migrates the database and seeds the demo once at start-up.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const port = process.env.PORT ?? '3000';
const env = {
	...process.env,
	PORT: port,
	ORIGIN: process.env.ORIGIN ?? `http://localhost:${port}`,
	DATABASE_PATH: process.env.DATABASE_PATH ?? 'data/callcraft.db',
	MODELS_DIR: process.env.MODELS_DIR ?? '../shared/models',
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '6M',
	NODE_ENV: 'production'
};

if (process.env.SKIP_BUILD !== '1' || !existsSync('build/index.js')) {
	console.log('Building CallCraft…');
	const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'production' }
	});
	if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(`Starting CallCraft on ${env.ORIGIN} (database ${env.DATABASE_PATH})…`);
// scripts/serve.js: the app behind its front door (scripts/server.js, which sheds load before SvelteKit,
// docs/load-shedding.md) in one process, or in WEB_CONCURRENCY processes sharing the port (docs/scale.md).
const server = spawn(process.execPath, ['scripts/serve.js'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
