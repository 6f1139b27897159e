// The admin PIN that guards kiosk mode. Only a salted PBKDF2 hash of it is stored, so the
// PIN cannot be read back from the device's storage.

/** Minimum and maximum number of digits in an admin PIN. */
export const KIOSK_PIN_MIN_DIGITS = 4;
export const KIOSK_PIN_MAX_DIGITS = 12;
/**
 * PBKDF2 rounds. A PIN has few possible values, so the hash only slows down a guesser.
 * The count is a guess at what still checks a PIN well under a second on a store tablet.
 */
export const KIOSK_PIN_PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

/** A stored PIN: the hash and what is needed to compute it again, as base64. */
export interface PinHash {
  algorithm: 'PBKDF2-SHA-256';
  iterations: number;
  salt: string;
  hash: string;
}

export type NewPinCheck = { ok: true; pin: string } | { ok: false; message: string };

/** Checks a new PIN and its repetition as typed in Settings. */
export function checkNewPin(pin: string, repeated: string): NewPinCheck {
  const digits = pin.trim();
  if (!new RegExp(`^[0-9]{${KIOSK_PIN_MIN_DIGITS},${KIOSK_PIN_MAX_DIGITS}}$`).test(digits)) {
    return {
      ok: false,
      message: `The admin PIN must be ${KIOSK_PIN_MIN_DIGITS} to ${KIOSK_PIN_MAX_DIGITS} digits, with no letters or spaces. Type a new PIN.`,
    };
  }
  if (repeated.trim() !== digits) {
    return { ok: false, message: 'The two PINs typed differ. Type the same PIN in both fields.' };
  }
  return { ok: true, pin: digits };
}

/** Hashes `pin` with a fresh random salt. */
export async function hashPin(pin: string, iterations = KIOSK_PIN_PBKDF2_ITERATIONS): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(pin, salt, iterations);
  return { algorithm: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), hash: toBase64(hash) };
}

/** Checks whether `pin` is the PIN that `stored` was made from. */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const hash = await derive(pin.trim(), fromBase64(stored.salt), stored.iterations);
  const expected = fromBase64(stored.hash);
  if (hash.length !== expected.length) return false;
  // Compares every byte, so the time taken does not show how many leading bytes matched.
  let difference = 0;
  for (let index = 0; index < hash.length; index++) difference |= hash[index]! ^ expected[index]!;
  return difference === 0;
}

/** Checks whether a value read from storage has the shape of a PinHash. */
export function isPinHash(value: unknown): value is PinHash {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record.algorithm === 'PBKDF2-SHA-256' &&
    typeof record.iterations === 'number' &&
    Number.isInteger(record.iterations) &&
    record.iterations > 0 &&
    typeof record.salt === 'string' &&
    typeof record.hash === 'string'
  );
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
