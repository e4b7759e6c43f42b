import { Badge } from '@/components/ui/badge';

const TONE = { DRAFT: 'slate', OPEN: 'green', JUDGING: 'violet', RESULTS: 'amber', ARCHIVED: 'slate' } as const;
const LABEL = { DRAFT: 'Draft', OPEN: 'Open for entries', JUDGING: 'Judging', RESULTS: 'Results', ARCHIVED: 'Archived' } as const;

export type ChallengeStateName = keyof typeof TONE;

export function ChallengeStateBadge({ state, className }: { state: ChallengeStateName; className?: string }) {
  return (
    <Badge tone={TONE[state]} className={className} data-testid="challenge-state">
      {LABEL[state]}
    </Badge>
  );
}
