import { constant, nodeExporterLabels, nodeLabels, type Family } from './family-kit';
import type { DemoCluster, DemoNode } from './fleet-model';
import { EFI_AVAIL_BYTES, EFI_SIZE_BYTES, maxPodsOf, rootFsSizeBytes } from './node-capacity';
import { rootFsAvailBytes } from './signals';

/**
 * L1 capacity metrics of the demo fleet: what each node holds (kube-state-metrics
 * kube_node_status_capacity) and its filesystems as node-exporter reports them (the root
 * filesystem on the OS disk, and the small EFI partition beside it).
 */

export const NODE_CAPACITY_FAMILIES: Family[] = [
  {
    name: 'kube_node_status_capacity',
    type: 'gauge',
    help: 'The total amount of resources available for a node.',
    *series(c, base) {
      const pods = maxPodsOf(c);
      const disk = rootFsSizeBytes(c);
      for (const n of c.nodes) {
        yield { labels: { ...nodeLabels(base, n), resource: 'cpu', unit: 'core' }, value: constant(n.vcpus, n.bootTime) };
        yield { labels: { ...nodeLabels(base, n), resource: 'memory', unit: 'byte' }, value: constant(n.memoryBytes, n.bootTime) };
        yield { labels: { ...nodeLabels(base, n), resource: 'pods', unit: 'integer' }, value: constant(pods, n.bootTime) };
        yield { labels: { ...nodeLabels(base, n), resource: 'ephemeral_storage', unit: 'byte' }, value: constant(disk, n.bootTime) };
      }
    },
  },
];

interface Filesystem {
  device: string;
  fstype: string;
  mountpoint: string;
  size: (c: DemoCluster) => number;
  avail: (c: DemoCluster, n: DemoNode, t: number) => number;
}

const FILESYSTEMS: readonly Filesystem[] = [
  { device: '/dev/sda1', fstype: 'ext4', mountpoint: '/', size: rootFsSizeBytes, avail: (c, n, t) => rootFsAvailBytes(n, rootFsSizeBytes(c), t) },
  { device: '/dev/sda15', fstype: 'vfat', mountpoint: '/boot/efi', size: () => EFI_SIZE_BYTES, avail: () => EFI_AVAIL_BYTES },
];

function filesystemFamily(name: string, help: string, value: (fs: Filesystem, c: DemoCluster, n: DemoNode, t: number) => number): Family {
  return {
    name,
    type: 'gauge',
    help,
    *series(c, base) {
      for (const n of c.nodes) {
        for (const fs of FILESYSTEMS) {
          yield {
            labels: { ...nodeExporterLabels(base, n), device: fs.device, fstype: fs.fstype, mountpoint: fs.mountpoint },
            value: (t) => (t >= n.bootTime ? value(fs, c, n, t) : null),
          };
        }
      }
    },
  };
}

export const NODE_FILESYSTEM_FAMILIES: Family[] = [
  filesystemFamily('node_filesystem_size_bytes', 'Filesystem size in bytes.', (fs, c) => fs.size(c)),
  filesystemFamily('node_filesystem_avail_bytes', 'Filesystem space available to non-root users in bytes.', (fs, c, n, t) => fs.avail(c, n, t)),
  filesystemFamily('node_filesystem_readonly', 'Filesystem read-only status.', () => 0),
];
