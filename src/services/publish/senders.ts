import type { CalendarConfig } from '../../core/config';
import type { PlatformId } from '../../core/model';
import { blueskySender } from './bluesky';
import { facebookSender } from './facebook';
import { instagramSender } from './instagram';
import { linkedinSender } from './linkedin';
import { mastodonSender } from './mastodon';
import { threadsSender } from './threads';
import { webhookSender } from './webhook';
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
    // Meta's networks fetch images from the calendar's public address.
    case 'threads':
      return threadsSender({ ...settings, ...(config.mediaBaseUrl !== undefined ? { mediaBaseUrl: config.mediaBaseUrl } : {}) }, ports);
    case 'instagram':
      return instagramSender({ ...settings, ...(config.mediaBaseUrl !== undefined ? { mediaBaseUrl: config.mediaBaseUrl } : {}) }, ports);
    case 'facebook':
      return facebookSender({ ...settings, ...(config.mediaBaseUrl !== undefined ? { mediaBaseUrl: config.mediaBaseUrl } : {}) }, ports);
    case 'webhook':
      return webhookSender(settings, ports);
    default:
      return undefined;
  }
}
