// What a judge's two views (the challenge's workspace and one entry) share: the challenge they
// read, and the identities a blind review takes out of every text the judge sees.
import 'server-only';
import { CHALLENGE_CLOCK } from '@/lib/server/challenges/service-support';

export const challengeSelect = {
  id: true,
  slug: true,
  title: true,
  ...CHALLENGE_CLOCK,
  blind: true,
  rules: true,
  judgesPerEntry: true,
  criteria: { orderBy: [{ position: 'asc' as const }, { id: 'asc' as const }], select: { id: true, name: true, description: true, weight: true, scaleMin: true, scaleMax: true } },
};

type EntrantFacts = {
  entrant: { name: string; email: string };
  appliance: { homepage: string | null; publisher: { handle: string; displayName: string; url: string | null } };
};

export function identitiesOf(e: EntrantFacts) {
  return [e.entrant.name, e.entrant.email, e.appliance.publisher.handle, e.appliance.publisher.displayName, e.appliance.publisher.url, e.appliance.homepage];
}
