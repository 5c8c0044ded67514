// vitest globalSetup: one Redis for the whole run — REDIS_URL when given, otherwise a private
// redis-server on a free port — handed to tests as inject('redisUrl') (see test/helpers/redis.ts).
import type { TestProject } from 'vitest/node';
import { startRedisServer } from './redis-server';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.REDIS_URL;
  if (given) {
    project.provide('redisUrl', given);
    process.env.LINGYAN_TEST_REDIS_URL = given;
    return undefined;
  }
  const server = await startRedisServer();
  project.provide('redisUrl', server.url);
  // For child processes the tests spawn (e.g. the console with --once), which cannot inject().
  process.env.LINGYAN_TEST_REDIS_URL = server.url;
  return async () => {
    await server.stop();
  };
}
