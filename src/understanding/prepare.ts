// The text every layer reads: width-normalised, control characters blanked, the bot's own mention
// removed, and cut to a length that keeps a pasted transcript from slowing the bot down.
import { normalizeWidth } from './entities/numbers';

/** Longer messages are understood on their beginning. */
export const MAX_ANALYSED = 2000;

export function prepare(text: string): string {
  return normalizeWidth(text.slice(0, MAX_ANALYSED))
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f\u200b-\u200f\u2028\u2029\u2060-\u2064\ufeff]/g, ' ')
    .replace(/^(?:<at>\s*(?:领雁|lingyan)\s*<\/at>|@?领雁|@?lingyan)\s*[,:，：]?\s*/i, '')
    .trim();
}

/** True when nothing in the text is a letter or a Han character (only emoji, digits, punctuation). */
export function hasNoWords(text: string): boolean {
  return !/[\p{L}]/u.test(text);
}

/** A value on its own ("1.5万", "3000", "两万五", "4分"): an answer to an open question, not a request. */
export function isBareValue(text: string): boolean {
  return /[\d零一二两三四五六七八九十百千万亿]/.test(text) && text.replace(/[\d.,\s零一二两三四五六七八九十百千万亿点半块元个单通分kKwW%+\-。!！?？]/g, '') === '';
}
