// Files people send the bot in a DM (a roster CSV/XLSX to import): downloaded from Slack with the
// bot token (scope files:read), only table files and only up to a size limit.
import { z } from 'zod';
import { isImportableFileName, MAX_IMPORT_BYTES } from '../../core/attachments';
import type { InboundAttachment } from '../../core/engine';

export const sharedFileSchema = z.object({
  name: z.string(),
  size: z.number().optional(),
  url_private_download: z.string().url().optional(),
  url_private: z.string().url().optional(),
});
export type SharedFile = z.infer<typeof sharedFileSchema>;

export type FileProblem = 'not_a_table' | 'too_large' | 'download_failed';

/** Downloads the first table file; a problem code otherwise (never throws). */
export async function downloadTableFile(
  files: SharedFile[],
  token: string | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<InboundAttachment | FileProblem> {
  const file = files.find((f) => isImportableFileName(f.name));
  if (!file) return 'not_a_table';
  if ((file.size ?? 0) > MAX_IMPORT_BYTES) return 'too_large';
  const url = file.url_private_download ?? file.url_private;
  if (!url || !token) return 'download_failed';
  try {
    const response = await fetchImpl(url, { headers: { authorization: `Bearer ${token}` }, redirect: 'follow' });
    if (!response.ok) return 'download_failed';
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_IMPORT_BYTES) return 'too_large';
    return { filename: file.name, bytes };
  } catch {
    return 'download_failed';
  }
}
