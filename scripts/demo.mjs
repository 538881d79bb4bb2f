// `npm run demo`: build when the sources are newer than the last build, then serve the
// embedded demo fleet with the production server on PORT (default 3000), bound to
// 127.0.0.1 unless HOSTNAME names another address (HOSTNAME=0.0.0.0 serves the network).
import { spawn } from 'node:child_process';
import { buildIfStale } from './build-if-stale.mjs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const port = process.env.PORT ?? '3000';
const host = process.env.HOSTNAME || '127.0.0.1';
buildIfStale(env);
const shown = host.includes(':') ? `[${host}]` : host;
console.log(
  `Serving the demo fleet on http://${shown}:${port} (${env.FLEETWATCH_DEMO_CLUSTERS ?? 40} clusters, seed ${env.FLEETWATCH_DEMO_SEED ?? 'fleetwatch'})`,
);
const server = spawn('npx', ['next', 'start', '-H', host, '-p', port], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
