/** The built-in kernels (DESIGN.md); ids are a contract and are never reused for another model. */
export const KERNEL_IDS = [
  'v3.6',
  'v3.13',
  'v3.13-viro',
  'v3.14',
  'v3.16',
  'v3.18',
  'v4.0-pre-2a23c6b8a9c4',
  'v4.0',
  'v4.3-rc1',
  'v4.4',
  'v4.4-ptregs-rfc',
  'v4.4-status-flag',
  'v4.5',
  'v4.8',
  'v5.11-rc1',
  'v5.11',
  'v6.14',
] as const;

export type KernelId = (typeof KERNEL_IDS)[number];

export function isKernelId(s: string): s is KernelId {
  return (KERNEL_IDS as readonly string[]).includes(s);
}
