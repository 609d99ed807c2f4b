// Masking of personal numbers in any text an output shows (SPEC §1, privacy by design):
// 18-digit resident ID numbers keep their first 6 and last 4 characters (110101********1234),
// mainland mobile numbers their first 3 and last 4 digits (138****5678). Pure: text in, text out.

// An ID number: 17 digits and a digit or X, not part of a longer run of digits. Letters around
// it do not protect it (masking too much is the safe side).
const ID_NUMBER = /(?<!\d)(\d{6})\d{8}(\d{3}[0-9Xx])(?!\d)/g;

// A mobile number: 1[3-9] and 9 more digits, optionally +86/0086/86 in front and written
// 3-4-4 with spaces or hyphens; not part of a longer run of digits.
const MOBILE = /(?<![0-9])((?:(?:\+|00)?86[- ]?)?1[3-9]\d)([- ]?)\d{4}([- ]?)(\d{4})(?![0-9])/g;

/** Masks every resident ID number and mobile phone number in `text`. */
export function maskPersonal(text: string): string {
  if (!/\d{11}|\d[- ]\d/.test(text)) return text;
  return text
    .replace(ID_NUMBER, (_m, head: string, tail: string) => `${head}********${tail}`)
    .replace(
      MOBILE,
      (_m, head: string, sep1: string, sep2: string, tail: string) =>
        `${head}${sep1}****${sep2}${tail}`,
    );
}
