/**
 * Masking of contact data for display: 138****1234, z***@example.com, 张*.
 */

/** Masks a phone number, keeping the first 3 and last 4 digits of a mobile number. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  let digits = phone.replace(/\D/g, '');
  // Drop the country code of a +86 mobile number.
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (digits.length === 11 && digits.startsWith('1')) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length >= 7) return `${digits.slice(0, 2)}***${digits.slice(-2)}`;
  return '*'.repeat(digits.length || 3);
}

/** Masks an email address, keeping the first character of the local part and the domain. */
export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Masks a person's name, keeping the first character (surname). */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}
