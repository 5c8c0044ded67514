// Block Kit limits (https://docs.slack.dev/reference/block-kit): safe truncation helpers used while
// building blocks, a final pass that caps a block list, and a checker the tests run on every payload.
import type { types } from '@slack/bolt';

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  contextElements: 10,
  optionText: 75,
  selectOptions: 100,
  inputLabel: 2000,
  viewTitle: 24,
  viewButton: 24,
  placeholder: 150,
  messageText: 40000,
  /**
   * Text of all blocks of one message together. Slack rejects more with msg_blocks_too_long; the limit is
   * not documented (≈ 12,000 characters "with a buffer for block containers" per Slack in
   * slackapi/bolt-js#2509, and 11,341 was still refused in #2867), so Lingyan stays well below it.
   */
  messageBlockText: 10000,
  contextActionsElements: 5,
  privateMetadata: 3000,
} as const;

/** Every `text` string in a block tree (section, field, header, context, button and feedback labels). */
function collectText(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectText(item, out);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'text' && typeof child === 'string') out.push(child);
    else if (typeof child === 'object') collectText(child, out);
  }
}

/** The total text length of a block list, as counted against `LIMITS.messageBlockText`. */
export function blockTextLength(blocks: readonly unknown[]): number {
  const texts: string[] = [];
  collectText(blocks, texts);
  return texts.reduce((sum, text) => sum + text.length, 0);
}

/** The readable text of blocks (sections, fields, headers, context lines), one per line: a part's fallback text. */
export function plainTextOf(blocks: readonly unknown[]): string {
  const texts: string[] = [];
  for (const block of blocks) {
    if (block === null || typeof block !== 'object') continue;
    const type = (block as { type?: unknown }).type;
    if (type === 'actions' || type === 'context_actions') continue;
    collectText(block, texts);
  }
  return texts.join('\n');
}

/** Keeps blocks while their text fits `maxText`; the rest becomes a visible "truncated" note (never silent). */
export function capBlockText<B extends types.KnownBlock>(blocks: B[], maxText: number, truncatedNote: string): types.KnownBlock[] {
  if (blockTextLength(blocks) <= maxText) return blocks;
  const out: types.KnownBlock[] = [];
  const note: types.KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(truncatedNote, LIMITS.sectionText) }] };
  for (const block of blocks) {
    if (blockTextLength([...out, block, note]) > maxText) break;
    out.push(block);
  }
  out.push(note);
  return out;
}

/** Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair, marking the cut with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Splits long text into chunks of at most `max` units, preferring line breaks. */
export function chunkText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = max;
    const code = rest.charCodeAt(cut - 1);
    if (cut === max && code >= 0xd800 && code <= 0xdbff) cut -= 1;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length > 0) chunks.push(rest);
  return chunks;
}

/** Escapes text for mrkdwn (Slack treats `&`, `<` and `>` as control characters). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Final pass over a block list: at most `max` blocks (the last kept block becomes a "truncated" note)
 * and unique action ids (later duplicates get a numeric suffix).
 */
export function capBlocks(blocks: types.KnownBlock[], max: number, truncatedNote: string): types.KnownBlock[] {
  let out = blocks;
  if (out.length > max) {
    out = out.slice(0, max - 1);
    out.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(truncatedNote, LIMITS.sectionText) }] });
  }
  const seen = new Set<string>();
  for (const block of out) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements) {
      if (!('action_id' in element) || typeof element.action_id !== 'string') continue;
      let id = element.action_id;
      for (let n = 2; seen.has(id); n += 1) id = truncate(`${element.action_id}:${n}`, LIMITS.actionId);
      element.action_id = id;
      seen.add(id);
    }
  }
  return out;
}

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function textOf(value: Json): string | undefined {
  return isRecord(value) && typeof value.text === 'string' ? value.text : undefined;
}

/** Lists every Block Kit limit a block list breaks (empty = valid). `surface` sets the block cap. */
export function checkBlockLimits(blocks: Json[], surface: 'message' | 'modal' | 'home' = 'message'): string[] {
  const problems: string[] = [];
  const max = surface === 'message' ? LIMITS.messageBlocks : LIMITS.viewBlocks;
  if (blocks.length > max) problems.push(`${blocks.length} blocks > ${max}`);
  if (surface === 'message') {
    const total = blockTextLength(blocks);
    if (total > LIMITS.messageBlockText) problems.push(`total block text ${total} > ${LIMITS.messageBlockText}`);
  }
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  const over = (what: string, text: string | undefined, limit: number): void => {
    if (text !== undefined && text.length > limit) problems.push(`${what} length ${text.length} > ${limit}`);
  };
  // Action ids must be unique within their block; blocks without a block_id share one scope.
  const visitElement = (element: Json, where: string, scope: string): void => {
    if (!isRecord(element)) return;
    if (typeof element.action_id === 'string') {
      const key = `${scope}/${element.action_id}`;
      if (actionIds.has(key)) problems.push(`${where}: duplicate action_id ${element.action_id}`);
      actionIds.add(key);
      over(`${where} action_id`, element.action_id, LIMITS.actionId);
    }
    if (element.type === 'feedback_buttons') {
      for (const side of ['positive_button', 'negative_button'] as const) {
        const button = element[side];
        if (!isRecord(button)) {
          problems.push(`${where}: feedback_buttons without ${side}`);
          continue;
        }
        over(`${where} ${side} text`, textOf(button.text), LIMITS.buttonText);
        over(`${where} ${side} accessibility_label`, typeof button.accessibility_label === 'string' ? button.accessibility_label : undefined, LIMITS.buttonText);
        over(`${where} ${side} value`, typeof button.value === 'string' ? button.value : undefined, LIMITS.buttonValue);
        if (typeof button.value !== 'string' || button.value.length === 0) problems.push(`${where}: ${side} without value`);
      }
    }
    if (element.type === 'button') {
      over(`${where} button text`, textOf(element.text), LIMITS.buttonText);
      over(`${where} button value`, typeof element.value === 'string' ? element.value : undefined, LIMITS.buttonValue);
    }
    if (Array.isArray(element.options)) {
      if (element.options.length > LIMITS.selectOptions) problems.push(`${where}: too many options`);
      for (const option of element.options) over(`${where} option`, textOf(isRecord(option) ? option.text : undefined), LIMITS.optionText);
    }
    over(`${where} placeholder`, textOf(element.placeholder), LIMITS.placeholder);
  };
  blocks.forEach((block, index) => {
    const where = `block ${index}`;
    if (!isRecord(block)) {
      problems.push(`${where}: not an object`);
      return;
    }
    const scope = typeof block.block_id === 'string' ? block.block_id : '';
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) problems.push(`${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
      over(`${where} block_id`, block.block_id, LIMITS.blockId);
    }
    switch (block.type) {
      case 'header':
        over(`${where} header`, textOf(block.text), LIMITS.headerText);
        break;
      case 'section': {
        over(`${where} section text`, textOf(block.text), LIMITS.sectionText);
        const fields = Array.isArray(block.fields) ? block.fields : [];
        if (fields.length > LIMITS.sectionFields) problems.push(`${where}: ${fields.length} fields > ${LIMITS.sectionFields}`);
        for (const field of fields) over(`${where} field`, textOf(field), LIMITS.fieldText);
        if (block.text === undefined && fields.length === 0) problems.push(`${where}: section without text or fields`);
        if (block.accessory !== undefined) visitElement(block.accessory, where, scope);
        break;
      }
      case 'actions': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length > LIMITS.actionsElements) problems.push(`${where}: ${elements.length} elements > ${LIMITS.actionsElements}`);
        for (const element of elements) visitElement(element, where, scope);
        break;
      }
      case 'context': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length > LIMITS.contextElements) problems.push(`${where}: too many context elements`);
        for (const element of elements) over(`${where} context`, textOf(element), LIMITS.sectionText);
        break;
      }
      case 'context_actions': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (surface !== 'message') problems.push(`${where}: context_actions only in messages`);
        if (elements.length === 0 || elements.length > LIMITS.contextActionsElements) problems.push(`${where}: ${elements.length} context_actions elements`);
        for (const element of elements) visitElement(element, where, scope);
        break;
      }
      case 'input':
        over(`${where} label`, textOf(block.label), LIMITS.inputLabel);
        visitElement(block.element, where, scope);
        break;
      default:
        break;
    }
  });
  return problems;
}
