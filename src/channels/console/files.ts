// Saves a reply's file (e.g. the exported goal sheet) next to where the console runs, so a lead
// can open it; Slack and Teams upload the same bytes instead.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Reply } from '../../core/reply';

export const EXPORT_DIR = 'exports';

/** Writes `reply.file` under `dir` and returns the path written, or null when there is no file. */
export async function saveReplyFile(reply: Reply, dir = EXPORT_DIR): Promise<string | null> {
  if (!reply.file) return null;
  await mkdir(dir, { recursive: true });
  // The name comes from our own handler, but strip any directory part anyway.
  const target = path.join(dir, path.basename(reply.file.filename));
  await writeFile(target, Buffer.from(reply.file.base64, 'base64'));
  return target;
}
