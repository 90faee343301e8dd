import { describe, expect, it } from 'vitest';
import { digitsOf, luhnValid, ndaValid, siretValid } from './identifiers';

describe('SIRET', () => {
  it.each([
    ['44306184100047', true, 'a valid SIRET'],
    ['73282932000074', true, 'another valid SIRET'],
    ['44306184100048', false, 'a wrong check key'],
    ['4430618410004', false, '13 digits'],
    ['443061841000470', false, '15 digits'],
    ['4430618410004A', false, 'a letter'],
    ['35600000000048', true, "La Poste's head office (passes Luhn)"],
    ['35600000049837', true, 'a La Poste establishment: fails Luhn, digits add up to a multiple of 5'],
    ['35600000000049', false, 'a La Poste number that meets neither rule'],
    ['44306184100004', false, 'digits adding up to a multiple of 5 is only the rule for La Poste'],
  ])('%s is %s (%s)', (siret, valid) => {
    expect(siretValid(siret)).toBe(valid);
  });

  it('the SIREN inside must pass the check too', () => {
    // 10000000000008 passes the check as a whole, but its SIREN 100000000 does not.
    expect(luhnValid('100000000')).toBe(false);
    expect(siretValid('10000000000008')).toBe(false);
  });

  it('spaces, dots and dashes typed between digits are dropped', () => {
    expect(digitsOf('443 061 841 00047')).toBe('44306184100047');
    expect(siretValid(digitsOf('443.061.841-00047'))).toBe(true);
  });
});

describe("numéro de déclaration d'activité (NDA)", () => {
  it('has exactly 11 digits', () => {
    expect(ndaValid('11755555575')).toBe(true);
    expect(ndaValid(digitsOf('11 75 55555 75'))).toBe(true);
    expect(ndaValid('1175555557')).toBe(false);
    expect(ndaValid('117555555755')).toBe(false);
    expect(ndaValid('1175555557A')).toBe(false);
  });
});
