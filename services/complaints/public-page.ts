import { createHmac } from 'node:crypto';
import type { Decider } from '../kernel/command';
import { hashToken } from '../kernel/ids';
import { noPersonalData, type PersonalDataDeclarations } from '../privacy/declarations';

/**
 * The organisation's public complaint page is reached at `/r/<address>`. The address is derived, never stored:
 * an HMAC-SHA-256 of the organisation and the address's generation under a key derived from PERSONAL_DATA_KEY,
 * cut to 120 bits (20 URL-safe characters, short enough to print). Only its SHA-256 is recorded, so the page
 * finds the organisation from the address while a database leak reveals no address; staff see it again by
 * recomputing. Regenerating issues the next generation: the previous address then answers "this address changed".
 */
export const COMPLAINT_PAGE_KEY_PURPOSE = 'complaint-page-addresses';

const ADDRESS_BYTES = 15;
export const COMPLAINT_PAGE_ADDRESS = /^[A-Za-z0-9_-]{20}$/;

/** The address of an organisation's page at one generation. */
export const complaintPageAddress = (key: Buffer, organisationId: string, generation: number): string =>
  createHmac('sha256', key)
    .update(`complaint-page:${organisationId}:${generation}`)
    .digest()
    .subarray(0, ADDRESS_BYTES)
    .toString('base64url');

/** What is kept of an address: its SHA-256, by which the page is found. */
export const complaintPageAddressHash = (address: string) => hashToken(address);

/** Where the page lives (relative to the public base URL). */
export const complaintPagePath = (address: string) => `/r/${address}`;

/** The organisation's complaint page has (a new) address; any earlier one now names a page that moved. */
export type ComplaintPageAddressIssued = {
  type: 'ComplaintPageAddressIssued';
  data: {
    organisationId: string;
    generation: number;
    addressHash: string;
    previousAddressHash: string | null;
  };
};

export type ComplaintPageEvent = ComplaintPageAddressIssued;
export const complaintPageEventTypes = [
  'ComplaintPageAddressIssued',
] as const satisfies ComplaintPageEvent['type'][];

/** One small stream per organisation: its page's addresses, issued rarely and by an administrator. */
export const complaintPageStream = (organisationId: string) => `complaintpage-${organisationId}`;

/** A hash of a random-looking address: nobody's data. */
export const complaintPagePersonalData: PersonalDataDeclarations<ComplaintPageEvent> = {
  ComplaintPageAddressIssued: noPersonalData,
};

export interface ComplaintPageState {
  generation: number;
  addressHash: string | null;
}

export type ComplaintPageCommand = {
  type: 'IssueComplaintPageAddress';
  organisationId: string;
  /** Hashes of the addresses of the generations that follow the current one (the command cannot derive them). */
  nextAddressHash: (generation: number) => string;
};

/** Each issue moves to the next generation; the first one opens the page. */
export const complaintPageDecider: Decider<ComplaintPageState, ComplaintPageCommand, ComplaintPageEvent> = {
  initialState: { generation: 0, addressHash: null },
  evolve: (_state, event) => ({ generation: event.data.generation, addressHash: event.data.addressHash }),
  decide(command, state) {
    const generation = state.generation + 1;
    return [
      {
        type: 'ComplaintPageAddressIssued',
        data: {
          organisationId: command.organisationId,
          generation,
          addressHash: command.nextAddressHash(generation),
          previousAddressHash: state.addressHash,
        },
      },
    ];
  },
};
