// A credential that never prints itself: logging, JSON or an error message built from a
// configuration shows `<secret>`, and only code that sends it asks for the value.
import { inspect } from 'node:util';

const REDACTED = '<secret>';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
