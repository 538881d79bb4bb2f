import type { Distribution, DemoNodePool, Provider } from './fleet-model';
import { hash32, hexFrom, type Rng } from './random';
import { getVmSize, type VmSize } from '../fleet/vm-sizes';

/** How many nodes a demo cluster has, how they split into node pools, and what each node is called. */

export function nodeCountFor(rng: Rng): number {
  // Long tail: most clusters are small, a few are very large.
  const band = rng.weighted([
    ['small', 70],
    ['medium', 25],
    ['large', 5],
  ] as const);
  if (band === 'small') return rng.int(3, 12);
  if (band === 'medium') return rng.int(13, 60);
  return rng.int(61, 300);
}

export function splitIntoPools(
  rng: Rng,
  total: number,
  provider: Provider,
  withGpu: boolean,
  minor: string,
): DemoNodePool[] {
  const image = (os: string) =>
    provider === 'aks'
      ? `AKSUbuntu-2204gen2containerd-2026${String(rng.int(1, 11)).padStart(2, '0')}.${rng.int(1, 28)}.0`
      : os;
  const size = (name: string): VmSize => {
    const vm = getVmSize(name);
    if (!vm) throw new Error(`unknown VM size ${name}`);
    return vm;
  };
  if (provider === 'arc') {
    const vm = size(
      rng.pick(['m5.2xlarge', 'm5.4xlarge', 'e2-standard-8', 'n2-standard-16', 'edge-nuc-4c16g', 'bare-metal-32c256g']),
    );
    return [
      {
        name: 'workers',
        mode: 'User',
        vm,
        count: total,
        osType: 'Linux',
        nodeImageVersion: image(`ubuntu-22.04-${minor}`),
        autoscale: null,
      },
    ];
  }
  const system = Math.min(total, total >= 30 ? 5 : 3);
  const pools: DemoNodePool[] = [
    {
      name: 'system',
      mode: 'System',
      vm: size(rng.pick(['Standard_D4ds_v5', 'Standard_D4s_v5'])),
      count: system,
      osType: 'Linux',
      nodeImageVersion: image(''),
      autoscale: null,
    },
  ];
  let rest = total - system;
  const gpu = withGpu && rest >= 2 ? Math.max(1, Math.round(rest * 0.15)) : 0;
  if (gpu > 0) {
    pools.push({
      name: 'gpu',
      mode: 'User',
      vm: size(rng.pick(['Standard_NC6s_v3', 'Standard_NC24ads_A100_v4', 'Standard_NC4as_T4_v3'])),
      count: gpu,
      osType: 'Linux',
      nodeImageVersion: image(''),
      autoscale: { min: 0, max: gpu * 2 },
    });
    rest -= gpu;
  }
  const userPools = rest > 40 ? 2 : rest > 0 ? 1 : 0;
  for (let p = 0; p < userPools; p++) {
    const count = p === userPools - 1 ? rest : Math.round(rest / 2);
    rest -= count;
    const vm = size(
      rng.pick(['Standard_D8ds_v5', 'Standard_D16ds_v5', 'Standard_E8ds_v5', 'Standard_F16s_v2', 'Standard_D32ds_v5']),
    );
    pools.push({
      name: `user${p + 1}`,
      mode: 'User',
      vm,
      count,
      osType: 'Linux',
      nodeImageVersion: image(''),
      autoscale: rng.chance(0.6) ? { min: Math.max(1, Math.floor(count / 2)), max: count * 2 } : null,
    });
  }
  return pools;
}

export function nodeName(
  cluster: string,
  provider: Provider,
  distribution: Distribution,
  pool: string,
  i: number,
): string {
  if (provider === 'aks')
    return `aks-${pool}-${hexFrom(`${cluster}/${pool}`, 8).replace(/[a-f]/g, (c) => String(c.charCodeAt(0) % 10))}-vmss${i.toString(36).padStart(6, '0')}`;
  if (distribution === 'eks')
    return `ip-10-${(hash32(cluster) % 200) + 20}-${(i >> 8) & 255}-${(i & 255) + 10}.ec2.internal`;
  if (distribution === 'gke') return `gke-${cluster.slice(0, 20)}-${pool}-${hexFrom(`${cluster}/${i}`, 4)}`;
  return `${cluster.slice(0, 24)}-node-${String(i + 1).padStart(3, '0')}`;
}
