import { Badge } from '@/components/ui/badge';

const listingTone = { DRAFT: 'slate', IN_REVIEW: 'amber', PUBLISHED: 'green', REJECTED: 'red', UNLISTED: 'slate' } as const;
const listingLabel = { DRAFT: 'Draft', IN_REVIEW: 'In review', PUBLISHED: 'Published', REJECTED: 'Changes requested', UNLISTED: 'Unlisted' } as const;

export function ListingStatusBadge({ status }: { status: keyof typeof listingTone }) {
  return (
    <Badge tone={listingTone[status]} data-testid="listing-status">
      {listingLabel[status]}
    </Badge>
  );
}

const versionTone = { DRAFT: 'slate', RELEASED: 'green', REVOKED: 'red' } as const;

export function VersionStatusBadge({ status }: { status: keyof typeof versionTone }) {
  return <Badge tone={versionTone[status]}>{status === 'DRAFT' ? 'Draft' : status === 'RELEASED' ? 'Released' : 'Revoked'}</Badge>;
}

const fileTone = { UPLOADING: 'slate', PENDING: 'amber', INSPECTING: 'amber', VERIFIED: 'green', REJECTED: 'red' } as const;
const fileLabel = { UPLOADING: 'Uploading', PENDING: 'Waiting for verification', INSPECTING: 'Verifying…', VERIFIED: 'Verified', REJECTED: 'Rejected' } as const;

export function FileStatusBadge({ status }: { status: keyof typeof fileTone }) {
  return (
    <Badge tone={fileTone[status]} data-testid="file-status">
      {status === 'VERIFIED' && <span aria-hidden>✓</span>}
      {fileLabel[status]}
    </Badge>
  );
}
