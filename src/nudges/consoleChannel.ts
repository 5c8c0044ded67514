// ConsoleProactiveChannel: "delivers" nudges by printing them (console `--nudges` simulation, demos,
// tests). Implements VerifiableChannel, so it never prints the same nudge twice.
import type { DeliveryResult, ProactiveRecipient, VerifiableChannel } from '../channels/channel';
import type { Reply } from '../core/reply';

export class ConsoleProactiveChannel implements VerifiableChannel {
  readonly kind = 'console' as const;
  readonly delivered: Array<{ recipient: ProactiveRecipient; reply: Reply }> = [];
  private readonly keys = new Set<string>();

  constructor(private readonly write: (text: string) => void = (text) => process.stdout.write(text)) {}

  async sendToUser(recipient: ProactiveRecipient, reply: Reply): Promise<DeliveryResult> {
    this.delivered.push({ recipient, reply });
    const key = typeof reply.data.nudgeKey === 'string' ? reply.data.nudgeKey : null;
    if (key) this.keys.add(`${recipient.platformUserId}\u0000${key}`);
    const actions = reply.actions?.map((a) => `[${a.label}]`).join(' ') ?? '';
    this.write(`\n── nudge → ${recipient.platformUserId} (${String(reply.data.kind ?? reply.intent)}) ──\n${reply.title ? `${reply.title}\n` : ''}${reply.text}\n${actions ? `${actions}\n` : ''}`);
    return { status: 'sent', messageId: `console-${this.delivered.length}` };
  }

  async wasDelivered(recipient: ProactiveRecipient, nudgeKey: string): Promise<boolean> {
    return this.keys.has(`${recipient.platformUserId}\u0000${nudgeKey}`);
  }
}
