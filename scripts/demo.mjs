// `npm run demo`: build when the sources are newer than the last build, then serve the
// embedded demo fleet with the production server on PORT (default 3000), bound to
// 127.0.0.1 unless HOSTNAME names another address (HOSTNAME=0.0.0.0 serves the network).
// With PROMETHEUS_URL set the portal reads that Prometheus instead, and the banner says so.
import { spawn } from 'node:child_process';
import { buildIfStale } from './build-if-stale.mjs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const port = process.env.PORT ?? '3000';
const host = process.env.HOSTNAME || '127.0.0.1';
buildIfStale(env);
const address = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
console.log(await banner());
const server = spawn('npx', ['next', 'start', '-H', host, '-p', port], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

/** What the portal serves: the demo fleet, or the Prometheus it reads (with the clusters it holds now). */
async function banner() {
  const prometheus = env.PROMETHEUS_URL?.split(',')[0]?.trim();
  if (!prometheus) {
    return `Serving the demo fleet on ${address} (${env.FLEETWATCH_DEMO_CLUSTERS ?? 40} clusters, seed ${env.FLEETWATCH_DEMO_SEED ?? 'fleetwatch'})`;
  }
  const label = env.PROMETHEUS_CLUSTER_LABEL ?? 'cluster';
  let clusters = 'clusters unknown';
  try {
    const q = encodeURIComponent(`count(count by (${label}) (kube_node_info))`);
    const r = await fetch(`${prometheus.replace(/\/$/, '')}/api/v1/query?query=${q}`, {
      signal: AbortSignal.timeout(5000),
    });
    const body = await r.json();
    clusters = `${Number(body?.data?.result?.[0]?.value?.[1] ?? 0)} clusters`;
  } catch (error) {
    clusters = `clusters unknown: ${error instanceof Error ? error.message : String(error)}`;
  }
  return `Serving the portal on ${address}, reading the Prometheus at ${prometheus} (${clusters}, by the ${label} label of kube_node_info)`;
}
