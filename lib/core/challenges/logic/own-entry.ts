/**
 * Whether an entry is the user's own for People's Choice: they entered it, or they own the
 * publisher whose appliance it is (a second account cannot enter it for them to vote for).
 */
export function isOwnEntry(userId: string, entry: { entrantId: string; appliance: { publisher: { ownerId: string } } }): boolean {
  return entry.entrantId === userId || entry.appliance.publisher.ownerId === userId;
}
