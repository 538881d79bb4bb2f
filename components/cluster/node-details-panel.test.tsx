import { render as renderInDom, screen, within } from '@testing-library/react';
import { withNuqsTestingAdapter } from 'nuqs/adapters/testing';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { buildNodeDetails, formatUtc, type NodeDetailAnswers } from '@/lib/fleet/cluster/node-details';
import type { PanelData } from '@/lib/fleet/cluster/panels';
import { HOSTILE, NOW, panelContext, panelData } from '@/lib/testing/dom/cluster-fixtures';
import { PanelView } from './panel-view';

const render = (ui: ReactElement) => renderInDom(ui, { wrapper: withNuqsTestingAdapter() });
const RANGE = { start: NOW - 6 * 3600, end: NOW };
const s = (labels: Record<string, string>, value = 1) => ({ labels, value });

function answers(node: string, over: Partial<NodeDetailAnswers> = {}): NodeDetailAnswers {
  return {
    info: [
      s({
        node,
        kubelet_version: 'v1.31.2',
        os_image: 'Ubuntu 22.04.5 LTS',
        kernel_version: '5.15.0-1089-azure',
        container_runtime_version: 'containerd://1.7.27',
      }),
    ],
    pool: [s({ node, label_kubernetes_azure_com_agentpool: 'user1' })],
    conditions: [
      s({ node, condition: 'Ready', status: 'false' }),
      s({ node, condition: 'DiskPressure', status: 'false' }),
    ],
    history: [
      { labels: { node, status: 'true' }, points: [[RANGE.start, 1]] },
      {
        labels: { node, status: 'false' },
        points: [
          [RANGE.start + 3600, 1],
          [RANGE.end, 1],
        ],
      },
    ],
    taints: [s({ node, key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' })],
    unschedulable: [s({ node }, 0)],
    scrapes: [{ labels: { node, exporter: 'node-exporter' }, points: [[RANGE.end, 1]] }],
    inventory: [],
    events: [
      {
        TimeGenerated: '2026-11-24T20:00:00Z',
        KubeEventType: 'Warning',
        Reason: 'NodeNotReady',
        Message: `Node ${node} status is now: NodeNotReady`,
        SourceComponent: 'kubelet',
        Count: 1,
        FirstSeen: '2026-11-24T19:00:00Z',
        LastSeen: '2026-11-24T19:59:00Z',
      },
    ],
    ...over,
  };
}

function details(node: string, insights = true, over: Partial<NodeDetailAnswers> = {}): PanelData {
  return panelData({
    title: `Node details · ${node}`,
    status: 'ok',
    view: {
      kind: 'table',
      columns: [],
      table: 'node-details',
      details: buildNodeDetails(
        node,
        answers(node, over),
        insights ? { available: true } : { available: false, reason: 'Node events (KubeEvents)' },
        RANGE,
      ),
    },
  });
}

function renderPanel(data: PanelData): HTMLElement {
  render(<PanelView data={data} ctx={panelContext({ view: { node: 'aks-user1-0' } })} />);
  return screen.getByRole('region', { name: data.title });
}

describe('node details panel', () => {
  it('states a NotReady node, since when and why, then pool, versions, conditions, taints and events', () => {
    const region = renderPanel(details('aks-user1-0'));
    const banner = within(region).getAllByRole('status')[0] as HTMLElement;
    expect(within(banner).getByText('Not Ready')).toBeTruthy();
    expect(within(banner).getByText(`Since ${formatUtc(RANGE.start + 3600)} (was True)`)).toBeTruthy();
    expect(banner.textContent).toContain(
      'Reason: NodeNotReady: Node aks-user1-0 status is now: NodeNotReady (kubelet)',
    );
    expect(region.textContent).toContain('user1');
    expect(region.textContent).toContain('v1.31.2');
    expect(region.textContent).toContain('containerd://1.7.27');
    expect(region.textContent).toContain('node-exporter: ');
    expect(region.textContent).toContain('kubelet: no successful scrape within the range');
    expect(
      within(within(region).getByRole('region', { name: 'Taints' })).getByText(
        'node.kubernetes.io/not-ready:NoExecute',
      ),
    ).toBeTruthy();
    const conditions = within(region).getByRole('region', { name: 'Conditions' });
    expect(
      within(conditions)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['ReadyFalse', 'DiskPressureFalse']);
    const events = within(region).getByRole('table', { name: 'Node events' });
    expect(within(events).getAllByRole('row')).toHaveLength(2);
  });

  it('says node events need Container insights where the cluster has none, and keeps the metrics', () => {
    const region = renderPanel(details('aks-user1-0', false));
    expect(region.textContent).toContain(
      'Node events (KubeEvents) needs Container insights, which this cluster does not send.',
    );
    expect(region.textContent).toContain('Reason: Ready=False');
    expect(within(region).queryByRole('table', { name: 'Node events' })).toBeNull();
  });

  it('a Ready node gets no alarm; hostile names stay text', () => {
    const region = renderPanel(
      details(HOSTILE.markup, true, {
        conditions: [s({ node: HOSTILE.markup, condition: 'Ready', status: 'true' })],
        events: [],
      }),
    );
    expect(within(region).getByRole('status').textContent).toBe('Ready; no condition in trouble.');
    expect(region.querySelector('img')).toBeNull();
    expect(region.textContent).toContain('No events about this node in the range');
  });
});
