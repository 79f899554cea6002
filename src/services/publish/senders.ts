import type { CalendarConfig } from '../../core/config';
import type { PlatformId } from '../../core/model';
import { blueskySender } from './bluesky';
import { linkedinSender } from './linkedin';
import { mastodonSender } from './mastodon';
import { xSender } from './x';
import type { Sender, SenderPorts } from './sender';

/**
 * The sender of each network this tool publishes to, for a calendar's settings. Adding a
 * network: its file next to this one, and a line here.
 */
export function createSender(network: PlatformId, config: CalendarConfig, ports: SenderPorts): Sender | undefined {
  const settings = config.platforms[network] ?? {};
  switch (network) {
    case 'bluesky':
      return blueskySender(settings, ports);
    case 'mastodon':
      return mastodonSender(settings, ports);
    case 'x':
      return xSender(settings, ports);
    case 'linkedin':
      return linkedinSender(settings, ports);
    default:
      return undefined;
  }
}
