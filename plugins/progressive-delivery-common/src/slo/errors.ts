/**
 * Thrown by the SLO helpers when an input (a duration, a target, a selector, a label name, an
 * objective) cannot be used. The message says what was wrong and with which value.
 * @public
 */
export class SloInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SloInputError';
  }
}
