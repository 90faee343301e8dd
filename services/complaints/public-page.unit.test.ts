import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import {
  COMPLAINT_PAGE_ADDRESS,
  complaintPageAddress,
  complaintPageAddressHash,
  complaintPageDecider,
} from './public-page';

const spec = deciderSpec(complaintPageDecider);
const KEY = Buffer.alloc(32, 1);
const ORGANISATION = '0190a0b0-0000-7000-8000-000000000001';
const issue = {
  type: 'IssueComplaintPageAddress',
  organisationId: ORGANISATION,
  nextAddressHash: (generation: number) => `hash-${generation}`,
} as const;
const issued = (generation: number, previousAddressHash: string | null) => ({
  type: 'ComplaintPageAddressIssued' as const,
  data: { organisationId: ORGANISATION, generation, addressHash: `hash-${generation}`, previousAddressHash },
});

describe('the public complaint page’s address', () => {
  it('opens the page at its first generation', () => {
    spec
      .given([])
      .when(issue)
      .thenEmits([issued(1, null)]);
  });

  it('regenerates into the next generation, naming the address it replaces', () => {
    spec
      .given([issued(1, null)])
      .when(issue)
      .thenEmits([issued(2, 'hash-1')]);
  });

  it('is short, URL-safe, the same when recomputed, and different per organisation and generation', () => {
    const address = complaintPageAddress(KEY, ORGANISATION, 1);
    expect(address).toMatch(COMPLAINT_PAGE_ADDRESS);
    expect(complaintPageAddress(KEY, ORGANISATION, 1)).toBe(address);
    expect(complaintPageAddress(KEY, ORGANISATION, 2)).not.toBe(address);
    expect(complaintPageAddress(KEY, '0190a0b0-0000-7000-8000-000000000002', 1)).not.toBe(address);
    expect(complaintPageAddress(Buffer.alloc(32, 2), ORGANISATION, 1)).not.toBe(address);
    expect(complaintPageAddressHash(address)).toMatch(/^[0-9a-f]{64}$/);
  });
});
