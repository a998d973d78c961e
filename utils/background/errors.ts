/** A failure whose message is already written for the user. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly kind: string = 'invalid',
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}
