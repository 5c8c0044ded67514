// Messages of the console channel.
import type { Catalog } from './types';

export const consoleMessages: Catalog = {
  'zh-CN': {
    'console.welcome': '领雁控制台 · 当前用户:{who}。直接输入问题,例如“今天要打多少个电话”。:user <id> 切换用户,:why 看算法,:quit 退出。',
    'console.switched': '已切换到 {who}。',
    'console.nothing_yet': '还没有可以解释的数字,先问我一个问题吧。',
    'console.why_title': '为什么是这个数:',
    'console.file_written': '文件已生成:{file}',
  },
  en: {
    'console.welcome': 'Lingyan console · you are {who}. Type a question, e.g. "how many calls do I need today". :user <id> switches person, :why explains, :quit leaves.',
    'console.switched': 'Now speaking as {who}.',
    'console.nothing_yet': 'No number to explain yet: ask me something first.',
    'console.why_title': 'Why this number:',
    'console.file_written': 'File written: {file}',
  },
};
