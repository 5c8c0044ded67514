import type { Catalog } from './types';

export const common: Catalog = {
  'zh-CN': {
    'error.not_allowed': '抱歉,这项内容不在你的权限范围内。',
    'error.upstream': '系统暂时有点忙,请稍后再试。你的数据没有丢失。',
    'error.upstream.redis': '数据服务暂时连不上,这次没有保存任何内容,请稍后再试。在此期间你仍然可以问我话术和课程问题。',
    'error.upstream.write_unknown': '保存时数据服务断开了,我暂时无法确认这条记录有没有存上。重发之前,请先发送“/coach today”看看今天已记录的数字,以免重复计数。',
    'error.upstream.llm': 'AI 教练暂时不可用,先给你课程里的要点。',
    'error.internal': '出了点意外,我们已记录下来。请换个说法再试一次。',
  },
  en: {
    'error.not_allowed': "Sorry, that's outside what your role can see or change.",
    'error.upstream': "The system is busy right now; please try again shortly. Nothing you entered was lost.",
    'error.upstream.redis': "The data service can't be reached right now; nothing was saved this time. Please try again shortly. Meanwhile you can still ask me about techniques and courses.",
    'error.upstream.write_unknown': "The data service dropped while saving, so I can't tell yet whether this log was saved. Before sending it again, check today's numbers with “/coach today” so nothing is counted twice.",
    'error.upstream.llm': 'The AI coach is unavailable; here are the key points from the course instead.',
    'error.internal': 'Something unexpected happened and it has been logged. Please try rephrasing.',
  },
};
