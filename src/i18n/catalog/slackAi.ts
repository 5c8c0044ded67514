// Messages of Slack's AI-answer chrome (zh-CN and en, same keys): the AI-generated label, sources,
// feedback buttons, split answers and the answer-failed replies (issue 23).
import type { Catalog } from './types';

export const slackAiMessages: Catalog = {
  'zh-CN': {
    'slack.ai.label': 'AI 生成的内容,可能有误,请核对要点。',
    'slack.ai.sources': '来源',
    'slack.feedback.up': '有帮助',
    'slack.feedback.down': '没帮助',
    'slack.feedback.up_label': '这个回答有帮助',
    'slack.feedback.down_label': '这个回答没帮助',
    'slack.split.part': '(续 {n}/{total})',
    'slack.split.more': '…(后面还有 {rest} 条没有发出,请换个更具体的问题)',
    'slack.error.timeout': '这次回答用时太长,已经停下。请再问一次。',
  },
  en: {
    'slack.ai.label': 'AI-generated: it may contain mistakes, check the key points.',
    'slack.ai.sources': 'Sources',
    'slack.feedback.up': 'Helpful',
    'slack.feedback.down': 'Not helpful',
    'slack.feedback.up_label': 'Mark this answer as helpful',
    'slack.feedback.down_label': 'Mark this answer as not helpful',
    'slack.split.part': '(continued {n}/{total})',
    'slack.split.more': '…({rest} more messages were not sent; please ask a narrower question)',
    'slack.error.timeout': 'That answer took too long and was stopped. Please ask again.',
  },
};
