import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig as readConfigFrom } from './config';

const readConfig = (vars: Record<string, string>) => readConfigFrom({ NODE_ENV: 'test', ...vars });

describe('Prometheus configuration', () => {
  it('runs the demo when PROMETHEUS_URL is unset', () => {
    const c = readConfig({});
    expect(c.mode).toBe('demo');
    expect(c.prometheus).toEqual({ clusterLabel: 'cluster', urls: [], auth: { kind: 'none' }, timeoutMs: 15_000 });
  });

  it('goes live on one or several comma-separated URLs', () => {
    const c = readConfig({
      PROMETHEUS_URL: 'http://prom-a:9090, https://thanos.example.test/query ,',
      PROMETHEUS_CLUSTER_LABEL: 'k8s_cluster',
      PROMETHEUS_TIMEOUT_MS: '5000',
    });
    expect(c.mode).toBe('live');
    expect(c.prometheus).toMatchObject({
      urls: ['http://prom-a:9090', 'https://thanos.example.test/query'],
      clusterLabel: 'k8s_cluster',
      timeoutMs: 5000,
    });
  });

  it('reads each kind of auth, and says what is missing', () => {
    const url = { PROMETHEUS_URL: 'http://p:9090' };
    expect(readConfig({ ...url, PROMETHEUS_AUTH: 'bearer', PROMETHEUS_BEARER_TOKEN: 't' }).prometheus.auth).toEqual({
      kind: 'bearer',
      token: 't',
    });
    expect(
      readConfig({ ...url, PROMETHEUS_AUTH: 'basic', PROMETHEUS_USERNAME: 'u', PROMETHEUS_PASSWORD: 'p' }).prometheus
        .auth,
    ).toEqual({ kind: 'basic', username: 'u', password: 'p' });
    expect(readConfig({ ...url, PROMETHEUS_AUTH: 'azure' }).prometheus.auth).toEqual({ kind: 'azure' });
    expect(() => readConfig({ ...url, PROMETHEUS_AUTH: 'bearer' })).toThrow(/PROMETHEUS_BEARER_TOKEN/);
    expect(() => readConfig({ ...url, PROMETHEUS_AUTH: 'basic', PROMETHEUS_USERNAME: 'u' })).toThrow(
      /PROMETHEUS_PASSWORD/,
    );
    expect(() => readConfig({ ...url, PROMETHEUS_AUTH: 'kerberos' })).toThrow(ConfigError);
  });

  it('rejects URLs that are not http(s) or that carry credentials', () => {
    expect(() => readConfig({ PROMETHEUS_URL: 'ftp://p' })).toThrow(/http or https/);
    expect(() => readConfig({ PROMETHEUS_URL: 'http://u:pw@p:9090' })).toThrow(/PROMETHEUS_USERNAME/);
    expect(() => readConfig({ PROMETHEUS_URL: 'prom:9090' })).toThrow(ConfigError);
  });
});
