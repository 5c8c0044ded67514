// Encryption at rest of the tokens in stored Slack installations (INSTALLATION_ENCRYPTION_KEY): AES-256-GCM
// from node:crypto, a fresh 96-bit IV per value, and the tenant and field as additional authenticated data,
// so a ciphertext copied into another workspace's document, or into another field, does not decrypt.
// Stored form: `lyenc:v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url parts). The key id (an HMAC of a
// fixed label under the key, 8 hex digits) tells "encrypted under another key" apart from "tampered".
// Values without the prefix are plaintext, as stored before a key was configured, and are read as they are.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'lyenc:v1:';
const ALGORITHM = 'aes-256-gcm';

export class TokenDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenDecryptionError';
  }
}

export function isEncryptedToken(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

export class TokenCipher {
  private readonly key: Buffer;
  readonly keyId: string;

  /** `keyBase64`: 32 bytes in base64 (validated by envSchema; checked again here). */
  constructor(keyBase64: string) {
    this.key = Buffer.from(keyBase64, 'base64');
    if (this.key.length !== 32) throw new Error('INSTALLATION_ENCRYPTION_KEY must be 32 bytes in base64');
    this.keyId = createHmac('sha256', this.key).update('lingyan installation key id').digest('hex').slice(0, 8);
  }

  /** `context` binds the ciphertext to where it is stored (tenant and field). */
  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `${PREFIX}${this.keyId}:${iv.toString('base64url')}:${tag.toString('base64url')}:${body.toString('base64url')}`;
  }

  decrypt(stored: string, context: string): string {
    if (!isEncryptedToken(stored)) return stored;
    const [keyId, iv, tag, body] = stored.slice(PREFIX.length).split(':');
    if (!keyId || !iv || !tag || body === undefined) throw new TokenDecryptionError('malformed encrypted token');
    if (keyId !== this.keyId) {
      throw new TokenDecryptionError(`token encrypted under another key (id ${keyId}; INSTALLATION_ENCRYPTION_KEY has id ${this.keyId})`);
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenDecryptionError('encrypted token failed authentication (altered, or stored for another workspace)');
    }
  }
}
