// The Bot Framework side of a Teams test: the bot's app id and tenant, a test RSA key whose JWKS (with the
// OpenID metadata) and the AAD token endpoint are served by nock, and Bot Framework JWTs signed with it.
// No vitest imports: bench/load.ts loads this into the measured server process.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import nock from 'nock';

export const APP_ID = '11111111-2222-3333-4444-555555555555';
export const TENANT = 'tenant-0001';
export const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
export const CONNECTOR_HOST = 'https://smba.trafficmanager.net';
export const ISSUER = 'https://api.botframework.com';
export const KID = 'lingyan-test-key';
export const NOW = new Date('2026-03-10T09:00:00+08:00');

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** Serves the Bot Framework OpenID metadata and the JWKS holding the test key (endorsed for msteams). */
export function mockBotFrameworkKeys(): void {
  const jwk = keys.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  nock('https://login.botframework.com')
    .persist()
    .get('/v1/.well-known/openidconfiguration')
    .reply(200, {
      issuer: ISSUER,
      authorization_endpoint: 'https://invalid.botframework.com',
      jwks_uri: 'https://login.botframework.com/v1/.well-known/keys',
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    })
    .get('/v1/.well-known/keys')
    .reply(200, { keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
}

/** AAD (MSAL) metadata and client-credential token endpoint for the bot's outgoing calls. */
export function mockAadToken(): void {
  const scope = nock('https://login.microsoftonline.com').persist();
  scope.get(/\/v2\.0\/\.well-known\/openid-configuration/).reply(200, (uri) => {
    const tenant = uri.split('/')[1];
    const base = `https://login.microsoftonline.com/${tenant}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
    };
  });
  scope.get(/\/common\/discovery\/instance/).reply(200, {
    tenant_discovery_endpoint: 'https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration',
    metadata: [
      { preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com'] },
    ],
  });
  scope.post(/\/oauth2\/v2\.0\/token/).reply(200, {
    token_type: 'Bearer',
    expires_in: 3599,
    ext_expires_in: 3599,
    access_token: 'outgoing-test-token',
  });
}

export interface TokenOptions {
  audience?: string;
  issuer?: string;
  serviceUrl?: string;
  expiresInSeconds?: number;
  /** Sign with a key that is not in the JWKS (under the same kid): an invalid signature. */
  wrongKey?: boolean;
}

export function mintToken(options: TokenOptions = {}): string {
  const key: KeyObject = options.wrongKey ? otherKeys.privateKey : keys.privateKey;
  const now = Math.floor(Date.now() / 1000);
  const exp = now + (options.expiresInSeconds ?? 3600);
  return jwt.sign(
    {
      serviceurl: options.serviceUrl ?? SERVICE_URL,
      nbf: Math.min(now - 60, exp - 60),
      exp,
      iss: options.issuer ?? ISSUER,
      aud: options.audience ?? APP_ID,
    },
    key,
    { algorithm: 'RS256', keyid: KID, noTimestamp: false },
  );
}
