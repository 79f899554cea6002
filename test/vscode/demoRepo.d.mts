// Types of demoRepo.mjs, for the TypeScript tests that `await import()` it.
export interface Person {
  readonly name: string;
  readonly email: string;
}

/** The repository's own user (local config): Approve Post in the demo approves as her. */
export const LEA: Person;
/** The second person, who approves the migration guide on main. */
export const KARIM: Person;

/** Makes `dir`, a copy of examples/calendar, the demo's git repository (main checked out, branch pending). */
export function demoRepo(dir: string, cli?: string, options?: { readonly days?: number }): void;
