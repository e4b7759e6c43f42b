/**
 * Typed errors of the contest logic. The `code` values match the AppError codes used by the
 * route handlers (INVALID → 400/422, CONFLICT → 409), so callers can map them without parsing
 * messages. Messages are written for people: they may be shown to the admin who caused them.
 */

export class ChallengeInputError extends Error {
  readonly code = 'INVALID';

  constructor(message: string) {
    super(message);
    this.name = 'ChallengeInputError';
  }
}

export class ForbiddenTransitionError extends Error {
  readonly code = 'CONFLICT';

  constructor(
    readonly from: string,
    readonly action: string,
    message: string,
  ) {
    super(message);
    this.name = 'ForbiddenTransitionError';
  }
}
