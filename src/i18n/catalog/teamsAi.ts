// Messages of Teams' AI-answer chrome (zh-CN and en, same keys): the informative update that opens a
// streamed answer (issue 23).
import type { Catalog } from './types';

export const teamsAiMessages: Catalog = {
  'zh-CN': {
    'teams.stream.thinking': '正在思考…',
  },
  en: {
    'teams.stream.thinking': 'Thinking…',
  },
};
