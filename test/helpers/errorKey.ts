// The message key of the UserInputError a call throws (fails the test if it throws anything else or nothing).
import { UserInputError } from '../../src/errors';

export function errorKey(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserInputError) return e.key;
    throw e;
  }
  throw new Error('expected a UserInputError');
}
