// Types of pds.mjs, for the TypeScript tests that `await import()` it.
export interface Pds {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Creates an account (handle must end in .test) and an app password for it. */
  createAccount(handle: string): Promise<{ did: string; handle: string; password: string; appPassword: string }>;
  /** Stops both servers and removes the PDS's data directory. */
  close(): Promise<void>;
}

/** A PDS and its did:plc directory on 127.0.0.1; `rateLimits` turns on the PDS's own limits. */
export function startPds(options?: { rateLimits?: boolean }): Promise<Pds>;

/** `TID` of this folder's @atproto/common-web: a post's record key must be one. */
export function loadTid(): Promise<{ fromTime(timestampUs: number, clockid: number): { toString(): string } }>;
