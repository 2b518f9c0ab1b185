/**
 * An error the demo reports to the user as a plain message (no stack trace): something
 * they can act on, such as a port in use, Neo4j not starting or the API answering 4xx/5xx.
 */
export class DemoError extends Error {
  constructor(
    message: string,
    /** Extra lines printed after the message (e.g. the tail of the API's log). */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'DemoError';
  }
}
