/** Text ids generated in the app (UUIDv7: time-ordered, unguessable enough for ids). */
import { uuidv7 } from 'uuidv7';

/** A new UUIDv7. */
export function newId(): string {
  return uuidv7();
}
