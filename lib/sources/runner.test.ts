import { describe, expect, it } from 'vitest';
import { clusterLogs } from '../catalog';
import type { Backend } from './backend';
import { createQueryRunner } from './runner';

describe('createQueryRunner with a value the query language cannot express', () => {
  it('answers bad-query and never calls the backend, instead of throwing', async () => {
    let calls = 0;
    const logs: Backend = {
      label: 'counting',
      kinds: ['logs'],
      run: async () => {
        calls += 1;
        return { wire: { tables: [] }, notices: [], executedText: '' };
      },
    };
    const runner = createQueryRunner({ arg: null, logs, prom: null });
    // A control character passes the id's length check but has no KQL escape.
    const outcome = await runner.run(
      clusterLogs.containerLogs,
      { clusterId: '/subscriptions/x/\u0001', limit: 10 },
      { kind: 'instant', at: 0 },
    );
    expect(outcome).toMatchObject({ ok: false, error: { failure: 'bad-query' } });
    expect(calls).toBe(0);
  });
});
