import { graphForm } from '../../src/services/publish/graph';
import type { RecordedRequest } from '../peers/standins/server';

/** A form body as name → value, for comparing what was sent with what was meant. */
export function formOf(request: RecordedRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request.text));
}

/** The form the sender's own encoding makes of `params` (a dry run's body, its placeholders replaced). */
export function formFor(params: object): Record<string, string> {
  return Object.fromEntries(graphForm(params));
}
