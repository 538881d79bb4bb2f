import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleet as q } from '../catalog';
import { getDemoFleet } from '../demo/fleet';
import { createAzureBackends } from '../server/azure-backends';
import { createQueryRunner } from '../sources/runner';
import { startTestIssuer, type TestIssuer } from '../testing/auth/test-issuer';
import { demoCloudAnswers } from '../testing/azure/demo-answers';
import { LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET, LOCAL_TENANT, localAzureConfig } from '../testing/azure/fixtures';
import { startLocalCloud, type LocalCloud } from '../testing/azure/local-cloud';
import { createOboApp, createOboCredential, describeOboFailure } from './obo';

/**
 * On-behalf-of end to end: the real msal-node exchanges each user's token at the local
 * Entra token endpoint, and the real Resource Graph SDK sends the downstream token to the
 * local Resource Graph server, which records whose token it was.
 */

const fleet = getDemoFleet('fleetwatch', 20);
const instant = { kind: 'instant', at: 1_764_000_000 } as const;
const API = 'api://fleetwatch-obo';
let issuer: TestIssuer;
let cloud: LocalCloud;

beforeAll(async () => {
  issuer = await startTestIssuer({ audience: API });
  cloud = await startLocalCloud({
    tenantId: LOCAL_TENANT,
    clientId: LOCAL_CLIENT_ID,
    clientSecret: LOCAL_CLIENT_SECRET,
    answers: demoCloudAnswers(fleet, { now: () => instant.at }),
    // Entra checks the assertion was issued for the calling app; so does the local endpoint.
    verifyUserAssertion: (assertion) => issuer.verifyAccessToken(assertion),
  });
});

afterAll(async () => {
  await cloud?.close();
  await issuer?.close();
});

function runnerFor(userToken: string): ReturnType<typeof createQueryRunner> {
  const app = createOboApp({
    clientId: LOCAL_CLIENT_ID,
    clientSecret: LOCAL_CLIENT_SECRET,
    authority: `${cloud.url}/${LOCAL_TENANT}`,
    knownAuthorities: [new URL(cloud.url).host],
    ca: cloud.ca,
  });
  const azure = createAzureBackends(localAzureConfig(cloud), {
    credential: createOboCredential(app, () => userToken),
    ca: cloud.ca,
  });
  return createQueryRunner({ arg: azure.arg, logs: azure.logs, prom: null });
}

describe('on-behalf-of', () => {
  it('Resource Graph receives the downstream token of the user who asked', async () => {
    const alice = await issuer.sign({ scp: 'Fleet.Read' }, { subject: 'user-alice' });
    const bob = await issuer.sign({ scp: 'Fleet.Read' }, { subject: 'user-bob' });
    const a = await runnerFor(alice).run(q.fleetInventory, {}, instant);
    const b = await runnerFor(bob).run(q.fleetInventory, {}, instant);
    expect(a.ok && b.ok).toBe(true);
    const exchanges = cloud.requests.filter((r) => r.service === 'token' && r.subject);
    expect(exchanges.map((r) => r.subject)).toEqual(['user-alice', 'user-bob']);
    const argCalls = cloud.requests.filter((r) => r.service === 'arg');
    expect(argCalls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(argCalls.map((r) => r.subject))).toEqual(new Set(['user-alice', 'user-bob']));
    expect(argCalls.every((r) => r.status === 200)).toBe(true);
  });

  it('a forged user token gets no downstream token, so no data', async () => {
    const forged = await issuer.sign({ scp: 'Fleet.Read' }, { subject: 'user-mallory', forge: true });
    const before = cloud.requests.filter((r) => r.service === 'arg').length;
    const outcome = await runnerFor(forged).run(q.fleetInventory, {}, instant);
    expect(outcome.ok).toBe(false);
    expect(cloud.requests.filter((r) => r.service === 'arg' && r.status === 200).length).toBe(before);
  });

  it("turns Entra's refusals into messages a user or an admin can act on", () => {
    const consent = describeOboFailure(
      new Error(
        'invalid_grant: Error(s): 65001 - Timestamp: 2026-11-24 - Description: AADSTS65001: The user or administrator has not consented to use the application with ID x. - Correlation ID: y',
      ),
    );
    expect(consent.name).toBe('OboExchangeError');
    expect(consent.entraCode).toBe('AADSTS65001');
    expect(consent.message).toBe(
      'on-behalf-of token exchange refused (AADSTS65001): an administrator has not consented to the portal asking Azure on your behalf: grant admin consent for its API permissions',
    );
    expect(describeOboFailure(new Error('network_error: connect ECONNREFUSED 127.0.0.1:1')).message).toBe(
      'on-behalf-of token exchange refused: network_error: connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});
