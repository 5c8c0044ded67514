// Files people send the bot in personal chat (a roster CSV/XLSX to import). Teams delivers them as
// `application/vnd.microsoft.teams.file.download.info` attachments with a short-lived, pre-authorised
// download URL; only table files up to a size limit are fetched.
import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { isImportableFileName, MAX_IMPORT_BYTES } from '../../core/attachments';
import type { InboundAttachment } from '../../core/engine';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

const downloadInfoSchema = z.object({ downloadUrl: z.string().url(), fileType: z.string().optional() });

export type IncomingFileProblem = 'not_a_table' | 'too_large' | 'download_failed';

export function isFileAttachment(attachment: Attachment): boolean {
  return attachment.contentType === FILE_DOWNLOAD_INFO;
}

/** Downloads the first table file among the attachments; a problem code otherwise (never throws). */
export async function downloadIncomingTable(
  attachments: Attachment[],
  fetchImpl: typeof fetch = fetch,
): Promise<InboundAttachment | IncomingFileProblem> {
  const file = attachments.find((a) => isFileAttachment(a) && isImportableFileName(a.name ?? ''));
  if (!file) return 'not_a_table';
  const info = downloadInfoSchema.safeParse(file.content);
  if (!info.success) return 'download_failed';
  try {
    const response = await fetchImpl(info.data.downloadUrl, { redirect: 'follow' });
    if (!response.ok) return 'download_failed';
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_IMPORT_BYTES) return 'too_large';
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_IMPORT_BYTES) return 'too_large';
    return { filename: file.name ?? 'import.csv', bytes };
  } catch {
    return 'download_failed';
  }
}
