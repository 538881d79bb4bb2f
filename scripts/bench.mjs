// `npm run bench`: starts the production server on demo fleets of 50, 500 and 5,000
// clusters and prints, for /api/fleet and the HTML of /, latency percentiles over warm
// requests, response size, and the server's resident memory. Figures, not verdicts.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { buildIfStale } from './build-if-stale.mjs';

const SIZES = (process.env.BENCH_SIZES ?? '50,500,5000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const WARMUP = 5;
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function treeRssKiB(rootPid) {
  // Sum VmRSS over the process and its descendants (next → next-server).
  const children = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(pid));
    } catch {
      /* process exited while we looked */
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* gone */
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

async function waitUp(base) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

async function timed(url) {
  const started = performance.now();
  const res = await fetch(url);
  const body = await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return { ms: performance.now() - started, bytes: body.byteLength };
}

/** Bytes on the wire when the client accepts gzip, as browsers do. */
function gzipBytes(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        let n = 0;
        res.on('data', (chunk) => (n += chunk.length));
        res.on('end', () => resolve(n));
      })
      .on('error', reject);
  });
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(base, path) {
  const first = await timed(`${base}${path}`);
  for (let i = 1; i < WARMUP; i++) await timed(`${base}${path}`);
  const samples = [];
  let bytes = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const r = await timed(`${base}${path}`);
    samples.push(r.ms);
    bytes = r.bytes;
  }
  samples.sort((a, b) => a - b);
  const wire = await gzipBytes(`${base}${path}`);
  return {
    first: first.ms,
    p50: pct(samples, 50),
    p95: pct(samples, 95),
    max: samples[samples.length - 1],
    bytes,
    wire,
  };
}

async function run(clusters, cacheSeconds) {
  // Its own process group, so stopping it also stops the next-server it forks.
  const server = spawn('node_modules/.bin/next', ['start', '-p', String(PORT)], {
    env: { ...env, FLEETWATCH_DEMO_CLUSTERS: String(clusters), FLEETWATCH_CACHE_SECONDS: String(cacheSeconds) },
    stdio: 'ignore',
    detached: true,
  });
  const exited = new Promise((r) => server.on('exit', r));
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitUp(base);
    const rssIdle = treeRssKiB(server.pid);
    const api = await measure(base, '/api/fleet');
    const html = await measure(base, '/');
    return { clusters, cacheSeconds, api, html, rssIdle, rss: treeRssKiB(server.pid) };
  } finally {
    process.kill(-server.pid, 'SIGTERM');
    await exited;
  }
}

buildIfStale(env);
const fmt = (n) => n.toFixed(1).padStart(8);
const kb = (b) => `${(b / 1024).toFixed(0)} KiB`.padStart(10);
console.log(
  `Fleetwatch bench: ${REQUESTS} sequential requests after ${WARMUP} warm-up, per route; node ${process.version}`,
);
console.log('clusters  cache  route         first ms   p50 ms   p95 ms   max ms       size   gzipped   RSS after');
for (const clusters of SIZES) {
  for (const cache of [15, 0]) {
    const r = await run(clusters, cache);
    for (const [route, m] of [
      ['/api/fleet', r.api],
      ['/ (HTML)', r.html],
    ]) {
      console.log(
        `${String(clusters).padStart(8)}  ${(cache ? `${cache}s` : 'off').padStart(5)}  ${route.padEnd(12)} ${fmt(m.first)} ${fmt(m.p50)} ${fmt(m.p95)} ${fmt(m.max)} ${kb(m.bytes)} ${kb(m.wire)} ${`${(r.rss / 1024).toFixed(0)} MiB`.padStart(10)}`,
      );
    }
  }
}
