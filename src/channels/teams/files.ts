// Files (exports) in personal chat via Teams' file consent flow: offer a FileConsentCard, keep the bytes in an
// expiring session, upload them to the user's OneDrive upload URL on accept, then show a FileInfoCard.
import { randomUUID } from 'node:crypto';
import type { Attachment, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { ReplyFile } from '../../core/reply';
import type { Locale } from '../../domain/types';
import { t } from '../../i18n';
import type { Store } from '../../store/store';

export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';
const FILE_TTL_SECONDS = 60 * 60;
const MAX_FILE_BYTES = 4 * 1024 * 1024;

const consentSchema = z.object({
  type: z.literal('fileUpload').optional(),
  action: z.enum(['accept', 'decline']),
  context: z.object({ fileKey: z.string().min(1).max(100) }),
  uploadInfo: z
    .object({
      name: z.string().optional(),
      uploadUrl: z.string().url(),
      contentUrl: z.string().url(),
      uniqueId: z.string().optional(),
      fileType: z.string().optional(),
    })
    .optional(),
});

type FileStore = Pick<Store, 'getSession' | 'putSession' | 'deleteSession'>;
const sessionKey = (key: string) => `teams_file:${key}`;

export class FileOffers {
  constructor(
    private readonly store: FileStore,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** A FileConsentCard attachment for `file`; null when the file is too large to offer. */
  async offer(tenant: string, file: ReplyFile): Promise<Attachment | null> {
    const size = Buffer.byteLength(file.base64, 'base64');
    if (size > MAX_FILE_BYTES) return null;
    const fileKey = randomUUID();
    await this.store.putSession(tenant, sessionKey(fileKey), file, FILE_TTL_SECONDS);
    return {
      contentType: FILE_CONSENT_CONTENT_TYPE,
      name: file.filename,
      content: {
        description: file.filename,
        sizeInBytes: size,
        acceptContext: { fileKey },
        declineContext: { fileKey },
      },
    };
  }

  /** Handles a `fileConsent/invoke`: uploads on accept, acknowledges a decline. Never throws for bad input. */
  async handleConsent(context: TurnContext, tenant: string, locale: Locale): Promise<void> {
    const parsed = consentSchema.safeParse(context.activity.value);
    if (!parsed.success) return;
    const { action, uploadInfo } = parsed.data;
    const key = sessionKey(parsed.data.context.fileKey);
    const file = await this.store.getSession<ReplyFile>(tenant, key);
    await this.store.deleteSession(tenant, key);
    if (action === 'decline') {
      await context.sendActivity(t(locale, 'teams.file_declined'));
      return;
    }
    if (!file || !uploadInfo) {
      await context.sendActivity(t(locale, 'teams.form.expired'));
      return;
    }
    const bytes = Buffer.from(file.base64, 'base64');
    const response = await this.fetchImpl(uploadInfo.uploadUrl, {
      method: 'PUT',
      headers: {
        'Content-Type': file.mimeType,
        'Content-Length': String(bytes.length),
        'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}`,
      },
      body: bytes,
    });
    if (!response.ok) throw new Error(`OneDrive upload failed: HTTP ${response.status}`);
    await context.sendActivity({
      type: 'message',
      text: t(locale, 'teams.file_uploaded'),
      attachments: [
        {
          contentType: FILE_INFO_CONTENT_TYPE,
          contentUrl: uploadInfo.contentUrl,
          name: uploadInfo.name ?? file.filename,
          content: { uniqueId: uploadInfo.uniqueId, fileType: uploadInfo.fileType },
        },
      ],
    });
  }
}
