// Short redrive ids people can type (`/redrive cancel r-7f3k2a`).

import { randomBytes } from 'node:crypto';

const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

export function newRedriveId(): string {
  const bytes = randomBytes(6);
  let id = 'r-';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}
