import { AppError } from '@/lib/core/errors';

/**
 * A state change the life cycle forbids. An AppError with code CONFLICT (409) like any other,
 * but typed so callers and tests can tell it apart and read which state and action clashed.
 */
export class ForbiddenTransitionError extends AppError {
  constructor(
    readonly from: string,
    readonly action: string,
    message: string,
  ) {
    super('CONFLICT', message);
    this.name = 'ForbiddenTransitionError';
  }
}
