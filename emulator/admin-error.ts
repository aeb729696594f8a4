/**
 * An error the CloudBase admin API answers with: `code` is CloudBase's string code (for example
 * DATABASE_COLLECTION_NOT_EXIST), `errCode` the numeric one where CloudBase has one (-502005).
 * The server turns it into the JSON body the pinned SDK parses.
 */
export class AdminError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly errCode?: number,
    readonly httpStatus = 200,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}
