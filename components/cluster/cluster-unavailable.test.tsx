import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HOSTILE, LONG_NAME } from '@/lib/testing/dom/cluster-fixtures';
import { ClusterUnavailable } from './cluster-unavailable';

describe('a cluster the inventory could not look up', () => {
  it('names the failing source and does not claim the cluster is missing', () => {
    render(
      <ClusterUnavailable
        name="aks-prod-eus-009"
        failure={{ source: 'arg', failure: 'timeout', message: 'no answer in 30 s' }}
      />,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Cannot look up aks-prod-eus-009 right now');
    expect(screen.getByRole('alert').textContent).toContain('Resource Graph did not answer in time');
    expect(document.body.textContent).not.toMatch(/not found/i);
    expect(screen.getByRole('link', { name: 'Back to the fleet' }).getAttribute('href')).toBe('/');
  });

  it('a missing permission is information naming the role, and hostile names stay text', () => {
    const name = `${LONG_NAME}${HOSTILE.markup}${HOSTILE.script}`;
    render(<ClusterUnavailable name={name} failure={{ source: 'arg', failure: 'forbidden', message: '403' }} />);
    expect(screen.getByRole('status').textContent).toContain(
      'No permission to read Resource Graph (needs Reader on the subscription)',
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(`Cannot look up ${name} right now`);
    expect(document.querySelector('img, script')).toBeNull();
  });
});
