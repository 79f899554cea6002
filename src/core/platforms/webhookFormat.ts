/**
 * What a webhook's body looks like (`platforms.webhook.format`): `json`, our own event (the
 * default); `slack`, Slack's incoming-webhook `{ text }`; `discord`, Discord's execute-webhook
 * `{ content }`.
 */
export const WEBHOOK_FORMATS = ['json', 'slack', 'discord'] as const;

export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
