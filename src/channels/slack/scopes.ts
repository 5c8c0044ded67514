// The bot scopes Lingyan requests at install time; the manifest lists exactly these (checked by a test).
export const BOT_SCOPES = [
  'app_mentions:read',
  'assistant:write',
  'chat:write',
  'commands',
  // files:read: downloading a roster CSV/XLSX a lead sends in a DM (src/channels/slack/files.ts).
  'files:read',
  'files:write',
  'im:history',
  'im:write',
  'users:read',
  'users:read.email',
] as const;
