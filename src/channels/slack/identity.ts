// Slack user → the identity and locale passed to the engine: `users.info` (with `include_locale`),
// cached briefly per workspace so a burst of messages costs one lookup.
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { Locale } from '../../domain/types';
import { normalizeLocale } from '../../i18n';
import type { SlackLogger } from './types';

export interface SlackUserInfo {
  email?: string;
  name?: string;
  locale?: string;
  tz?: string;
}

const usersInfoSchema = z.object({
  user: z
    .object({
      name: z.string().optional(),
      real_name: z.string().optional(),
      locale: z.string().optional(),
      tz: z.string().optional(),
      profile: z.object({ email: z.string().optional(), display_name: z.string().optional() }).partial().optional(),
    })
    .optional(),
});

interface Entry {
  info: SlackUserInfo;
  expires: number;
}

export class UserDirectory {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly logger: SlackLogger,
    private readonly ttlMs = 5 * 60_000,
    private readonly maxEntries = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The person's Slack locale if a fresh lookup is cached (no API call: for answers that cannot wait). */
  cachedLocale(tenant: string, userId: string): Locale {
    const hit = this.cache.get(`${tenant}:${userId}`);
    return normalizeLocale(hit && hit.expires > this.clock() ? hit.info.locale : undefined);
  }

  /** Never throws: a failed lookup yields `{}` (the engine then falls back to profile/default locale). */
  async lookup(client: webApi.WebClient, tenant: string, userId: string): Promise<SlackUserInfo> {
    const key = `${tenant}:${userId}`;
    const now = this.clock();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) return hit.info;
    let info: SlackUserInfo = {};
    try {
      const result = await client.users.info({ user: userId, include_locale: true });
      const parsed = usersInfoSchema.safeParse(result);
      const user = parsed.success ? parsed.data.user : undefined;
      if (user) {
        info = {
          email: user.profile?.email || undefined,
          name: user.real_name || user.profile?.display_name || user.name || undefined,
          locale: user.locale,
          tz: user.tz,
        };
      }
    } catch (error) {
      this.logger.warn({ tenant, userId, err: errorFields(error) }, 'slack users.info failed; continuing without locale/e-mail');
      return info;
    }
    if (this.cache.size >= this.maxEntries) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(key, { info, expires: now + this.ttlMs });
    return info;
  }

  clear(): void {
    this.cache.clear();
  }
}

export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const extra = error as Error & { code?: unknown; data?: { error?: unknown } };
    return { name: error.name, message: error.message, code: extra.code, slackError: extra.data?.error };
  }
  return { message: String(error) };
}
