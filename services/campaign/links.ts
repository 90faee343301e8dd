import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The public links of a campaign. A **personal** link is one respondent's: it comes in their invitation and
 * reminders. A **shared** link is shown in a room (as a QR code): anyone holding it may answer once per
 * submission.
 *
 * Tokens are `<kind>.<selector>.<secret>`: the selector is the respondent's or the shared link's id (base64url),
 * the secret an HMAC-SHA-256 of kind and id under a key derived from PERSONAL_DATA_KEY (256 bits). Neither the
 * token nor its secret is ever stored: checking one recomputes the HMAC. So the reactor writes the same link
 * in every message, even after a crash, and staff can show a room's QR code again without the product keeping
 * a copy of it; a database leak reveals no usable link.
 */
export const CAMPAIGN_LINK_KEY_PURPOSE = 'campaign-links';

export type CampaignLinkKind = 'personal' | 'shared';
const PREFIX: Record<CampaignLinkKind, string> = { personal: 'p', shared: 's' };

const selectorOf = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex').toString('base64url');

const idOf = (selector: string): string | undefined => {
  const hex = Buffer.from(selector, 'base64url').toString('hex');
  if (hex.length !== 32) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const secretOf = (key: Buffer, kind: CampaignLinkKind, id: string) =>
  createHmac('sha256', key).update(`${kind}:${id}`).digest();

/** The link token of a respondent (personal) or of a shared link. */
export const campaignLinkToken = (key: Buffer, kind: CampaignLinkKind, id: string): string =>
  `${PREFIX[kind]}.${selectorOf(id)}.${secretOf(key, kind, id).toString('base64url')}`;

/**
 * Reads and checks a token: the kind and id it names when its secret is right, undefined for anything else (a
 * malformed token and a wrong secret look the same: no such link).
 */
export const verifyCampaignLinkToken = (
  key: Buffer,
  token: string,
): { kind: CampaignLinkKind; id: string } | undefined => {
  const match = /^([ps])\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return undefined;
  const kind: CampaignLinkKind = match[1] === 'p' ? 'personal' : 'shared';
  const id = idOf(match[2]!);
  if (!id) return undefined;
  const given = Buffer.from(match[3]!, 'base64url');
  const expected = secretOf(key, kind, id);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { kind, id } : undefined;
};

/** Where a token's public form lives (relative to the public base URL). */
export const campaignLinkPath = (token: string) => `/a/${token}`;

/** Where a respondent stops this campaign's messages (the link in every message). */
export const optOutPath = (token: string) => `/a/${token}/opt-out`;
