import type { Secrets } from '../core/ports';

/**
 * The CLI's credentials: environment variables named `EDCAL_<NETWORK>_<NAME>`, e.g.
 * `EDCAL_BLUESKY_APP_PASSWORD` for `get('bluesky', 'app-password')`. Never written anywhere.
 */
export class EnvSecrets implements Secrets {
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  async get(network: string, name: string): Promise<string | undefined> {
    return this.env[envName(network, name)] || undefined;
  }
}

/** `EDCAL_BLUESKY_APP_PASSWORD` for `('bluesky', 'app-password')`. */
export function envName(network: string, name: string): string {
  return `EDCAL_${network}_${name}`.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}
