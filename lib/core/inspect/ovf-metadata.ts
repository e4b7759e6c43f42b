import type { ApplianceMetadata, OvfDescriptor } from './types';

/** The descriptor's package-level view, shaped as report metadata. */
export function metadataFromOvf(desc: OvfDescriptor): ApplianceMetadata {
  const meta: ApplianceMetadata = {
    ...desc.summary,
    disks: desc.disks,
    networks: desc.networks,
    ovfVersion: desc.ovfVersion,
  };
  if (desc.isCollection || desc.virtualSystems.length > 1) meta.virtualSystems = desc.virtualSystems;
  if (desc.deploymentOptions.length) {
    meta.deploymentOptions = desc.deploymentOptions;
    meta.deploymentOption = desc.selectedDeploymentOption;
  }
  for (const key of Object.keys(meta) as (keyof ApplianceMetadata)[]) if (meta[key] === undefined) delete meta[key];
  return meta;
}
