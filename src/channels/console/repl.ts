// The interactive console (npm start without platform credentials): type as an agent or lead would
// in Slack; `:user <id>` switches person, `:why` explains the last number, `:quit` leaves.
import { createInterface } from 'node:readline';
import { stdin, stdout } from 'node:process';
import type { Reply } from '../../core/reply';
import { t } from '../../i18n';
import type { Store } from '../../store/store';
import { ConsoleSession } from './session';
import { saveReplyFile } from './files';
import { TextRenderer } from './textRenderer';

export async function runRepl(session: ConsoleSession, store: Store): Promise<void> {
  const renderer = new TextRenderer();
  const rl = createInterface({ input: stdin, output: stdout, terminal: stdout.isTTY });
  let last: Reply | null = null;
  let profileLocale: 'zh-CN' | 'en' = 'zh-CN';
  const who = async () => {
    const agent = await store.getAgent(session.identity.tenant, session.identity.userId);
    if (agent) profileLocale = agent.locale;
    return agent ? `${agent.name} (${agent.id}, ${agent.role})` : session.identity.userId;
  };
  // --locale wins; otherwise the console speaks the current person's language, like the replies do.
  const locale = () => (session.identity.locale === 'en' || session.identity.locale === 'zh-CN' ? session.identity.locale : profileLocale);
  const greeting = await who();
  stdout.write(`${t(locale(), 'console.welcome', { who: greeting })}\n`);
  const answer = async (line: string): Promise<void> => {
    if (line.startsWith(':user ')) {
      session.identity = { ...session.identity, userId: line.slice(6).trim() };
      const switched = await who();
      stdout.write(`${t(locale(), 'console.switched', { who: switched })}\n`);
      return;
    }
    if (line.startsWith(':locale ')) {
      session.identity = { ...session.identity, locale: line.slice(8).trim() };
      return;
    }
    if (line === ':why' || line === '为什么' || line.toLowerCase() === 'why') {
      stdout.write(`${last ? renderer.render(last, { why: true }) : t(locale(), 'console.nothing_yet')}\n`);
      return;
    }
    let streamed = '';
    last = await session.send(line, (partial) => {
      stdout.write(partial.slice(streamed.length));
      streamed = partial;
    });
    if (streamed) stdout.write('\n');
    const savedAs = await saveReplyFile(last);
    stdout.write(`${renderer.render(last, { savedAs })}\n\n`);
  };
  const prompt = () => stdout.write('领雁> ');
  prompt();
  // Async iteration (not rl.question) so piped input works line by line as well as a terminal.
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === ':quit' || line === ':q' || line === 'exit') break;
    if (line) await answer(line);
    prompt();
  }
  stdout.write('\n');
  rl.close();
}
