// Every area's catalogue, merged by src/i18n/index.ts. Each area edits only its own file.
import type { Catalog } from './types';
import { common } from './common';
import { goalsMessages } from './goals';
import { routerMessages } from './understanding';
import { handlersMessages } from './handlers';
import { quadrantMessages } from './quadrant';
import { coachingMessages } from './coaching';
import { slackMessages } from './slack';
import { slackAiMessages } from './slackAi';
import { teamsMessages } from './teams';
import { teamsAiMessages } from './teamsAi';
import { nudgesMessages } from './nudges';
import { nudgeSettingsMessages } from './nudgeSettings';
import { leadMessages } from './lead';
import { consoleMessages } from './console';
import { explainMessages } from './explain';

export const catalogs: Catalog[] = [
  common,
  goalsMessages,
  routerMessages,
  handlersMessages,
  quadrantMessages,
  coachingMessages,
  slackMessages,
  slackAiMessages,
  teamsMessages,
  teamsAiMessages,
  nudgesMessages,
  nudgeSettingsMessages,
  leadMessages,
  consoleMessages,
  explainMessages,
];
