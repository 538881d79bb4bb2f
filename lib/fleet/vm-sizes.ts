/** Capacity of the VM sizes the portal knows, for packing, cost and the demo fleet. */
export interface VmSize {
  name: string;
  vcpus: number;
  memoryGiB: number;
  gpus: number;
  family: string;
}

const sizes: VmSize[] = [
  { name: 'Standard_D2s_v5', vcpus: 2, memoryGiB: 8, gpus: 0, family: 'Dsv5' },
  { name: 'Standard_D4s_v5', vcpus: 4, memoryGiB: 16, gpus: 0, family: 'Dsv5' },
  { name: 'Standard_D8s_v5', vcpus: 8, memoryGiB: 32, gpus: 0, family: 'Dsv5' },
  { name: 'Standard_D16s_v5', vcpus: 16, memoryGiB: 64, gpus: 0, family: 'Dsv5' },
  { name: 'Standard_D4ds_v5', vcpus: 4, memoryGiB: 16, gpus: 0, family: 'Ddsv5' },
  { name: 'Standard_D8ds_v5', vcpus: 8, memoryGiB: 32, gpus: 0, family: 'Ddsv5' },
  { name: 'Standard_D16ds_v5', vcpus: 16, memoryGiB: 64, gpus: 0, family: 'Ddsv5' },
  { name: 'Standard_D32ds_v5', vcpus: 32, memoryGiB: 128, gpus: 0, family: 'Ddsv5' },
  { name: 'Standard_E8ds_v5', vcpus: 8, memoryGiB: 64, gpus: 0, family: 'Edsv5' },
  { name: 'Standard_E16ds_v5', vcpus: 16, memoryGiB: 128, gpus: 0, family: 'Edsv5' },
  { name: 'Standard_F8s_v2', vcpus: 8, memoryGiB: 16, gpus: 0, family: 'Fsv2' },
  { name: 'Standard_F16s_v2', vcpus: 16, memoryGiB: 32, gpus: 0, family: 'Fsv2' },
  { name: 'Standard_NC6s_v3', vcpus: 6, memoryGiB: 112, gpus: 1, family: 'NCv3' },
  { name: 'Standard_NC24ads_A100_v4', vcpus: 24, memoryGiB: 220, gpus: 1, family: 'NCadsA100v4' },
  { name: 'Standard_NC4as_T4_v3', vcpus: 4, memoryGiB: 28, gpus: 1, family: 'NCasT4v3' },
  // More sizes of the same families: candidates for node-size advice (packing.ts).
  { name: 'Standard_D32s_v5', vcpus: 32, memoryGiB: 128, gpus: 0, family: 'Dsv5' },
  { name: 'Standard_D2ds_v5', vcpus: 2, memoryGiB: 8, gpus: 0, family: 'Ddsv5' },
  { name: 'Standard_D48ds_v5', vcpus: 48, memoryGiB: 192, gpus: 0, family: 'Ddsv5' },
  { name: 'Standard_E4ds_v5', vcpus: 4, memoryGiB: 32, gpus: 0, family: 'Edsv5' },
  { name: 'Standard_E32ds_v5', vcpus: 32, memoryGiB: 256, gpus: 0, family: 'Edsv5' },
  { name: 'Standard_F4s_v2', vcpus: 4, memoryGiB: 8, gpus: 0, family: 'Fsv2' },
  { name: 'Standard_F32s_v2', vcpus: 32, memoryGiB: 64, gpus: 0, family: 'Fsv2' },
  // Non-Azure machines behind Arc-connected clusters.
  { name: 'm5.2xlarge', vcpus: 8, memoryGiB: 32, gpus: 0, family: 'aws-m5' },
  { name: 'm5.4xlarge', vcpus: 16, memoryGiB: 64, gpus: 0, family: 'aws-m5' },
  { name: 'e2-standard-8', vcpus: 8, memoryGiB: 32, gpus: 0, family: 'gcp-e2' },
  { name: 'n2-standard-16', vcpus: 16, memoryGiB: 64, gpus: 0, family: 'gcp-n2' },
  { name: 'edge-nuc-4c16g', vcpus: 4, memoryGiB: 16, gpus: 0, family: 'on-prem' },
  { name: 'bare-metal-32c256g', vcpus: 32, memoryGiB: 256, gpus: 0, family: 'on-prem' },
];

export const VM_SIZES: ReadonlyMap<string, VmSize> = new Map(sizes.map((s) => [s.name.toLowerCase(), s]));

/** Sizes of one family, smallest first: the candidates a pool could move to. */
export function vmSizesInFamily(family: string): VmSize[] {
  return sizes.filter((s) => s.family === family).sort((a, b) => a.vcpus - b.vcpus || a.memoryGiB - b.memoryGiB);
}

export function getVmSize(name: string): VmSize | undefined {
  return VM_SIZES.get(name.toLowerCase());
}
