// Inbound JWT validation for /api/messages: ConfigurationBotFrameworkAuthentication from the Microsoft* settings,
// wrapped so that every token failure (bad signature, expiry, audience, issuer) is a 401, never a 500.
import { ConfigurationBotFrameworkAuthentication, StatusCodes, type Activity } from 'botbuilder';
import {
  AuthenticationError,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { TeamsConfig } from './types';

const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

function asAuthError(error: unknown): unknown {
  if (error instanceof AuthenticationError) return error;
  if (error instanceof Error && JWT_ERRORS.has(error.name)) {
    return new AuthenticationError(`Unauthorized: ${error.message}`, StatusCodes.UNAUTHORIZED);
  }
  return error;
}

/** Delegates to the SDK's authentication and maps token errors to AuthenticationError (→ HTTP 401). */
export class StrictBotFrameworkAuthentication extends BotFrameworkAuthentication {
  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    if (!authHeader.trim()) throw new AuthenticationError('Unauthorized: no Authorization header', StatusCodes.UNAUTHORIZED);
    try {
      return await this.inner.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw asAuthError(error);
    }
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (error) {
      throw asAuthError(error);
    }
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override async authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    try {
      return await this.inner.authenticateChannelRequest(authHeader);
    } catch (error) {
      throw asAuthError(error);
    }
  }
}

/** The SDK's settings object, named as Azure Bot Service names them. */
export function authenticationFor(config: TeamsConfig): BotFrameworkAuthentication {
  if (!config.appId) throw new Error('Teams: MicrosoftAppId is required (JWT validation cannot be turned off)');
  if (config.appType !== 'UserAssignedMSI' && !config.appPassword) {
    throw new Error('Teams: MicrosoftAppPassword is required for MultiTenant and SingleTenant bots');
  }
  if (config.appType !== 'MultiTenant' && !config.appTenantId) {
    throw new Error(`Teams: MicrosoftAppTenantId is required for ${config.appType} bots`);
  }
  const settings: Record<string, string> = {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
  };
  if (config.appTenantId) settings.MicrosoftAppTenantId = config.appTenantId;
  return new StrictBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication(settings));
}
