// The editor's starting values: a stored challenge, or sensible defaults for a new one, with
// every time as a wall time in the challenge's zone (what datetime-local inputs hold).
import { utcToZonedLocal } from '@/lib/core/challenges/logic/zoned-time';

const DAY = 86_400_000;

export interface EditorCategory {
  key: string;
  id?: string;
  name: string;
  description: string;
  prize: string;
  entries?: number;
}

export interface EditorCriterion {
  key: string;
  id?: string;
  name: string;
  description: string;
  weight: string;
  scaleMin: string;
  scaleMax: string;
  scores?: number;
}

export interface EditorValues {
  title: string;
  slug: string;
  summary: string;
  rules: string;
  timeZone: string;
  submissionsOpenAt: string;
  submissionsCloseAt: string;
  judgingCloseAt: string;
  judgesPerEntry: string;
  entryLimit: string;
  blind: boolean;
  normalizeScores: boolean;
  peoplesChoice: boolean;
  allowSelfVote: boolean;
  votingOpensAt: string;
  votingClosesAt: string;
  grandPrize: string;
  categories: EditorCategory[];
  criteria: EditorCriterion[];
}

export interface EditorLocks {
  /** Judging started: rubric scales/weights, categories list, k, blind, limit, submission window fixed. */
  structure: boolean;
  /** Results out: also the judging deadline, normalisation and voting. */
  results: boolean;
  slug: boolean;
}

export function newChallengeValues(now = new Date()): EditorValues {
  const zone = 'UTC';
  const at = (days: number) => utcToZonedLocal(new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000 + days * DAY), zone);
  return {
    title: '',
    slug: '',
    summary: '',
    rules: '## Rules\n\n- Enter a released, verified version of your own appliance.\n- One category per entry.\n',
    timeZone: zone,
    submissionsOpenAt: at(0),
    submissionsCloseAt: at(30),
    judgingCloseAt: at(44),
    judgesPerEntry: '3',
    entryLimit: '1',
    blind: true,
    normalizeScores: true,
    peoplesChoice: false,
    allowSelfVote: false,
    votingOpensAt: '',
    votingClosesAt: '',
    grandPrize: '',
    categories: [{ key: 'c0', name: '', description: '', prize: '' }],
    criteria: [
      { key: 'k0', name: 'Works out of the box', description: 'Boots and does its job with the documented steps.', weight: '3', scaleMin: '1', scaleMax: '10' },
      { key: 'k1', name: 'Security', description: 'Sane defaults, no known-vulnerable components.', weight: '2', scaleMin: '1', scaleMax: '10' },
      { key: 'k2', name: 'Documentation', description: 'Clear first-boot instructions.', weight: '1', scaleMin: '1', scaleMax: '5' },
    ],
  };
}

interface StoredChallenge {
  title: string;
  slug: string;
  summary: string;
  rules: string;
  timeZone: string;
  state: string;
  submissionsOpenAt: Date;
  submissionsCloseAt: Date;
  judgingCloseAt: Date;
  judgesPerEntry: number;
  entryLimit: number;
  blind: boolean;
  normalizeScores: boolean;
  peoplesChoice: boolean;
  allowSelfVote: boolean;
  votingOpensAt: Date | null;
  votingClosesAt: Date | null;
  grandPrize: string;
  categories: { id: string; name: string; description: string; prize: string; _count: { entries: number } }[];
  criteria: { id: string; name: string; description: string; weight: number; scaleMin: number; scaleMax: number; _count: { scores: number } }[];
}

export function storedChallengeValues(ch: StoredChallenge): EditorValues {
  const local = (d: Date | null) => (d ? utcToZonedLocal(d, ch.timeZone) : '');
  return {
    title: ch.title,
    slug: ch.slug,
    summary: ch.summary,
    rules: ch.rules,
    timeZone: ch.timeZone,
    submissionsOpenAt: local(ch.submissionsOpenAt),
    submissionsCloseAt: local(ch.submissionsCloseAt),
    judgingCloseAt: local(ch.judgingCloseAt),
    judgesPerEntry: String(ch.judgesPerEntry),
    entryLimit: String(ch.entryLimit),
    blind: ch.blind,
    normalizeScores: ch.normalizeScores,
    peoplesChoice: ch.peoplesChoice,
    allowSelfVote: ch.allowSelfVote,
    votingOpensAt: local(ch.votingOpensAt),
    votingClosesAt: local(ch.votingClosesAt),
    grandPrize: ch.grandPrize,
    categories: ch.categories.map((c) => ({ key: c.id, id: c.id, name: c.name, description: c.description, prize: c.prize, entries: c._count.entries })),
    criteria: ch.criteria.map((c) => ({
      key: c.id,
      id: c.id,
      name: c.name,
      description: c.description,
      weight: String(c.weight),
      scaleMin: String(c.scaleMin),
      scaleMax: String(c.scaleMax),
      scores: c._count.scores,
    })),
  };
}

export function editorLocks(state: string): EditorLocks {
  return {
    structure: state !== 'DRAFT' && state !== 'OPEN',
    results: state === 'RESULTS' || state === 'ARCHIVED',
    slug: state !== 'DRAFT',
  };
}

export function timeZones(): string[] {
  const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return list.includes('UTC') ? list : ['UTC', ...list];
}
