import { normalizeText } from './normalize';

const YES = /^(yes|yeah|yep|yup|sure|ok|okay|confirm|confirmed|do it|go ahead|please do|absolutely|correct|right)\b/;
const NO = /^(no|nope|nah|don't|dont|do not|stop|keep them|never ?mind)\b/;

/**
 * Reads an answer to a yes/no question ("Are you sure?"): true, false, or null when the
 * message is not a plain answer (then it is understood like any other message).
 */
export function readConfirmation(text: string): boolean | null {
  const t = normalizeText(text).replace(/^(uh|um|well|oh)\s+/, '').trim();
  if (YES.test(t)) return true;
  if (NO.test(t)) return false;
  return null;
}
