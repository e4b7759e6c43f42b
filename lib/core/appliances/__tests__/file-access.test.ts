import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/core/auth/roles';
import { fileAccessOf, judgeAssignmentMatters, type FileAccessRow } from '@/lib/core/appliances/file-access';

const owner: Actor = { id: 'owner-1', name: 'Owner', email: 'o@example.test', roles: ['DEVELOPER'] };
const stranger: Actor = { id: 'stranger-1', name: 'Stranger', email: 's@example.test', roles: ['USER'] };
const judge: Actor = { id: 'judge-1', name: 'Judge', email: 'j@example.test', roles: ['JUDGE'] };

const row = (over: Partial<FileAccessRow> = {}): FileAccessRow => ({
  id: 'file-1',
  status: 'VERIFIED',
  objectKey: 'k/file-1',
  fileName: 'disk.qcow2',
  versionStatus: 'RELEASED',
  applianceId: 'app-1',
  listingStatus: 'PUBLISHED',
  ownerId: owner.id,
  ...over,
});

// The one decision the download route and the download edge share.
describe('fileAccessOf', () => {
  it('lets anyone download a verified file of a released version of a published listing', () => {
    expect(fileAccessOf(null, row(), false)).toMatchObject({ downloadable: true, privileged: false, applianceId: 'app-1', file: { objectKey: 'k/file-1' } });
  });

  it('hides from the public every file it may not download, and a missing row', () => {
    const hidden = [
      row({ status: 'PENDING' }),
      row({ status: 'REJECTED' }),
      row({ versionStatus: 'DRAFT' }),
      row({ versionStatus: 'REVOKED' }),
      row({ listingStatus: 'DRAFT' }),
      row({ listingStatus: 'UNLISTED' }),
    ];
    for (const file of hidden) {
      expect(fileAccessOf(null, file, false)).toBeNull();
      expect(fileAccessOf(stranger, file, false)).toBeNull();
    }
    expect(fileAccessOf(null, undefined, false)).toBeNull();
  });

  it('shows the owner and an assigned judge unpublished files, never one still uploading', () => {
    expect(fileAccessOf(owner, row({ status: 'PENDING', listingStatus: 'DRAFT' }), false)).toMatchObject({ privileged: true, owner: true, downloadable: true });
    expect(fileAccessOf(judge, row({ listingStatus: 'IN_REVIEW' }), true)).toMatchObject({ privileged: true, assignedJudge: true, downloadable: true });
    expect(fileAccessOf(judge, row({ listingStatus: 'IN_REVIEW' }), false)).toBeNull();
    expect(fileAccessOf(owner, row({ status: 'UPLOADING' }), false)).toMatchObject({ downloadable: false });
  });

  it('asks for a judge assignment only for a signed-in caller without a privileged view', () => {
    const facts = { status: 'DRAFT' as const, ownerId: owner.id };
    expect(judgeAssignmentMatters(null, facts)).toBe(false);
    expect(judgeAssignmentMatters(owner, facts)).toBe(false);
    expect(judgeAssignmentMatters(judge, facts)).toBe(true);
  });
});
