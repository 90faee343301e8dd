/** French company identifiers, as the organisation profile checks them. */

/** Digits only: people type SIRETs and NDAs with spaces, dots or dashes. */
export const digitsOf = (value: string) => value.replace(/[\s.-]/g, '');

/** The Luhn checksum that SIREN and SIRET numbers carry. */
export const luhnValid = (digits: string): boolean => {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
};

/** La Poste's SIREN: its many establishments were numbered before the key existed. */
const LA_POSTE_SIREN = '356000000';

/**
 * Whether a SIRET (14 digits) is valid: its SIREN (first 9 digits) and the whole number pass the Luhn check.
 * La Poste's establishments are the known exception: their SIRET's digits add up to a multiple of 5 instead
 * (its head office, 356 000 000 00048, passes the Luhn check as well).
 */
export const siretValid = (siret: string): boolean => {
  if (!/^\d{14}$/.test(siret)) return false;
  const siren = siret.slice(0, 9);
  if (!luhnValid(siren)) return false;
  if (luhnValid(siret)) return true;
  if (siren !== LA_POSTE_SIREN) return false;
  const digitSum = [...siret].reduce((sum, digit) => sum + Number(digit), 0);
  return digitSum % 5 === 0;
};

/** Whether a numéro de déclaration d'activité has its 11 digits (it carries no checksum). */
export const ndaValid = (nda: string): boolean => /^\d{11}$/.test(nda);
