// Renders a Reply as plain text for the console: the reply's own text, then its facts and the
// follow-ups a person could type. "why" lines are shown on request (`:why`).
import { whyShown, type Reply } from '../../core/reply';
import { t } from '../../i18n';

export class TextRenderer {
  render(reply: Reply, options: { why?: boolean; savedAs?: string | null } = {}): string {
    const out: string[] = [];
    if (reply.title) out.push(`【${reply.title}】`);
    out.push(reply.text);
    if (reply.facts?.length) out.push(reply.facts.map((fact) => `  ${fact.label}: ${fact.value}`).join('\n'));
    // Agents read the plain sentences, leads the formulas (whyShown).
    const why = options.why ? whyShown(reply) : [];
    if (why.length > 0) {
      out.push(t(reply.locale, 'console.why_title'));
      out.push(why.map((line) => `  ${line}`).join('\n'));
    }
    if (reply.chart) out.push(`[${reply.chart.altText}]`);
    if (reply.file) out.push(t(reply.locale, 'console.file_written', { file: options.savedAs ?? reply.file.filename }));
    // A clarify already lists its numbered options in the text; its buttons would only repeat them.
    const typed = reply.intent === 'clarify' ? [] : (reply.actions ?? []).filter((action) => action.text);
    if (typed.length) out.push(`→ ${typed.map((action) => `${action.label}: ${action.text}`).join(' | ')}`);
    return out.join('\n');
  }
}
