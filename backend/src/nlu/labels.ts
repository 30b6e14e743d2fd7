/**
 * Alarm labels in a masked utterance (times, dates and parts of the day replaced by "#"):
 * "labelled taxi", "call it gym", "for my meeting", "to take my pills", "gym alarm".
 */
import type { Span } from './time-parser';

/** Words that never make up a label on their own (function words, time words, verbs). */
const STOP = new Set(
  (
    'my the a an this that these those your our his her their its alarm alarms set sets setting please for at to on in ' +
    'of and or me us i you it is are be been new one ones all any every each up wake waking morning evening night ' +
    'afternoon daily weekly early late next first last current existing other recurring repeating regular usual ' +
    'normal same # am pm oclock now later today tomorrow tonight make create add put remove delete cancel change ' +
    'move turn switch get rid off clear erase start give show list tell check what which when how do did have has ' +
    'there with from by about around until till can could would will should want need like wanna some just also ' +
    'again instead it\'s clock call up call wakeup time times o so hey okay ok alert reminder remind go goes ring ' +
    'sound snooze enable disable new another daily weekday weekdays weekend weekends day days hours minutes ' +
    'upcoming scheduled saved active only single timer called named labelled titled label title name rename not no ' +
    'yes dont do does was were an other set up report provide different many much few several old previous both ' +
    'unset erase kill drop reset edit modify update adjust stop silence mute dismiss skip pause ' +
    'two three repeat repeated recurrent whole entire following coming today\'s tomorrows todays'
  ).split(' '),
);
const BOUNDARY = new Set([
  '#', 'at', 'for', 'on', 'please', 'and', 'to', 'in', 'by', 'from', 'with', 'every', 'each', 'alarm', 'alarms',
  'that', 'which', 'so', 'but', 'tomorrow', 'today', 'tonight', 'now', 'thanks', 'thank', 'instead', 'then',
  'starting', 'set', 'ringing', 'ring', 'going',
]);
const LEADING = new Set(['my', 'the', 'a', 'an', 'our', 'his', 'her', 'their', 'your', 'this', 'that']);

/** Replaces spans with "#" so labels never swallow times or dates. */
export function maskSpans(s: string, spans: Span[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const sp of sorted) {
    if (sp.start < pos) continue;
    out += `${s.slice(pos, sp.start)} # `;
    pos = sp.end;
  }
  out += s.slice(pos);
  return out.replace(/\s+/g, ' ').trim();
}

function takePhrase(words: string[], max: number): string | null {
  const out: string[] = [];
  let i = 0;
  while (i < words.length && LEADING.has(words[i])) i += 1;
  for (; i < words.length && out.length < max; i += 1) {
    if (BOUNDARY.has(words[i]) || /^\d/.test(words[i])) break;
    out.push(words[i]);
  }
  while (out.length > 0 && STOP.has(out[out.length - 1])) out.pop();
  if (out.length === 0 || out.every((w) => STOP.has(w))) return null;
  return out.join(' ');
}

const RE_EXPLICIT =
  /\b(?:labell?ed|label(?: it)?(?: as)?|called|named|titled|title it|call it|name it|tag(?:ged)?(?: it)?(?: as)?|with (?:the )?(?:label|name|title)(?: of)?|rename (?:it|this|that|this one|that one)(?: to)?|(?:re)?label it to) (?:as )?(.+)$/;
const RE_RENAME = /\b(?:rename|relabel|retitle|change the (?:name|label) of)\b.*?\b(?:to|as) (.+)$/;
const RE_FOR = /\b(?:for|before) ([^]+?)(?= (?:for|before) |$)/g;
const RE_TO_VERB = /\balarms? (?:[a-z#]+ ){0,3}?to ([a-z].*)$/;
const RE_PRE_NOUN = /(?:^| )((?:[a-z]+ )?[a-z]+) alarms?\b/g;
const TO_STOP = new Set(['wake', 'get', 'go', 'ring', 'sound', 'be', 'me', 'alert', 'remind', 'buzz', 'beep', 'turn', 'the', 'my', 'a', 'an', 'at', 'for', 'start', 'off', 'on', 'now']);

/** A new label given by naming words ("call it gym", "labelled taxi", "rename ... to yoga"). */
export function explicitLabel(masked: string): string | null {
  const r = RE_RENAME.exec(masked);
  if (r) return takePhrase(r[1].split(' '), 4);
  const m = RE_EXPLICIT.exec(masked);
  return m ? takePhrase(m[1].split(' '), 4) : null;
}

/** The label words before "alarm" ("gym alarm" -> "gym"). */
export function nounLabel(masked: string): string | null {
  for (const m of masked.matchAll(RE_PRE_NOUN)) {
    const parts = m[1].split(' ');
    const last = parts[parts.length - 1];
    if (STOP.has(last) || /^\d/.test(last)) continue;
    const first = parts.length === 2 && !STOP.has(parts[0]) && !/^\d/.test(parts[0]) ? `${parts[0]} ` : '';
    return `${first}${last}`;
  }
  return null;
}

/** Label of an alarm being created: explicit naming, "for my X", "to X", "X alarm". */
export function createLabel(masked: string): string | null {
  const explicit = explicitLabel(masked);
  if (explicit) return explicit;
  for (const f of masked.matchAll(RE_FOR)) {
    const phrase = takePhrase(f[1].split(' '), 3);
    if (phrase && !/^(?:me|us|you|it|him|her|them|everyone|one|1|now)\b/.test(phrase)) return phrase;
  }
  const t = RE_TO_VERB.exec(masked);
  if (t) {
    const words = t[1].split(' ');
    if (!TO_STOP.has(words[0])) {
      const out: string[] = [];
      for (const w of words) {
        if (w === '#' || w === 'please' || w === 'at' || w === 'every' || out.length >= 4) break;
        out.push(w);
      }
      while (out.length > 0 && STOP.has(out[out.length - 1])) out.pop();
      if (out.length > 0) return out.join(' ');
    }
  }
  return nounLabel(masked);
}

/** Label that selects an existing alarm: "gym alarm", "alarm called gym", "alarm for school". */
export function targetLabel(masked: string): string | null {
  const m = /\balarms? (?:called|named|labell?ed|titled|for) (.+)$/.exec(masked);
  if (m) {
    const p = takePhrase(m[1].split(' '), 3);
    if (p) return p;
  }
  return nounLabel(masked);
}
