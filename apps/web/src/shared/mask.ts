/** Masks a phone number for display: 13812341234 → 138****1234. Already-masked values pass through. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  if (phone.includes('*')) return phone;
  const digits = phone.replace(/\s+/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (digits.length < 8) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** Masks an e-mail address: zhang.san@example.com → z***@example.com. */
export function maskEmail(email: string | null | undefined): string {
  if (!email) return '';
  if (email.includes('*')) return email;
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
