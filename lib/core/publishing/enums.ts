// The publishing API's closed value lists, without zod: the browser imports these (the upload
// page, the listing forms) and api-schemas.ts builds its schemas from them.

export const FILE_FORMATS = ['OVA', 'OVF', 'VMDK', 'QCOW2', 'RAW', 'ISO', 'VAGRANT_BOX'] as const;
export const ARCHITECTURES = ['AMD64', 'ARM64', 'I386'] as const;
export const LISTING_STATUSES = ['DRAFT', 'IN_REVIEW', 'PUBLISHED', 'REJECTED', 'UNLISTED'] as const;
export const VERSION_STATUSES = ['DRAFT', 'RELEASED', 'REVOKED'] as const;
export const FILE_STATUSES = ['UPLOADING', 'PENDING', 'INSPECTING', 'VERIFIED', 'REJECTED'] as const;
export const OS_FAMILIES = ['linux', 'windows', 'bsd', 'solaris', 'other'] as const;

export type FileFormat = (typeof FILE_FORMATS)[number];
export type Architecture = (typeof ARCHITECTURES)[number];
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export type VersionStatus = (typeof VERSION_STATUSES)[number];
export type FileStatus = (typeof FILE_STATUSES)[number];

export const isFileFormat = (v: unknown): v is FileFormat => (FILE_FORMATS as readonly unknown[]).includes(v);
export const isArchitecture = (v: unknown): v is Architecture => (ARCHITECTURES as readonly unknown[]).includes(v);
