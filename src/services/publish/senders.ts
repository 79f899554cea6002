import type { CalendarConfig } from '../../core/config';
import type { PlatformId } from '../../core/model';
import { blueskySender } from './bluesky';
import { linkedinSender } from './linkedin';
import { mastodonSender } from './mastodon';
import { webhookSender } from './webhook';
import { xSender } from './x';
import type { Sender, SenderPorts } from './sender';

/**
 * The sender of each network this tool publishes to, for a calendar's settings. Adding a
 * network: its file next to this one, and a line here.
 */
export function createSender(network: PlatformId, config: CalendarConfig, ports: SenderPorts): Sender | undefined {
  const settings = config.platforms[network];
  switch (network) {
    case 'bluesky':
      return blueskySender(settings, ports);
    case 'mastodon':
      return mastodonSender(settings ?? {}, ports);
    case 'x':
      return xSender({ ...settings, ...(settings?.service ? { baseUrl: settings.service } : {}) }, ports);
    case 'linkedin':
      return linkedinSender({ ...settings, ...(settings?.service ? { baseUrl: settings.service } : {}) }, ports);
    case 'webhook':
      return webhookSender(settings ?? {}, ports);
    default:
      return undefined;
  }
}
