/**
 * Text normalisation for the local recogniser: lower case, no punctuation, common
 * misspellings fixed, wake words dropped, and spoken numbers turned into digits the way
 * people say times ("five thirty" -> "5 30", "one hundred and thirty" -> "130",
 * "seven oh five" -> "7 05", "twenty fifth" -> "25th").
 */

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const TEENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15,
  sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};

/** Whole-word replacements applied before number conversion (spelling, speech artefacts). */
const SPELLING: Record<string, string> = {
  tommorow: 'tomorrow', tomorow: 'tomorrow', tommorrow: 'tomorrow', tmrw: 'tomorrow', tmr: 'tomorrow',
  tomorrows: 'tomorrow', tonite: 'tonight', 'to-night': 'tonight', alaram: 'alarm', alarum: 'alarm',
  allarm: 'alarm', alram: 'alarm', alarams: 'alarms', alrams: 'alarms', alarmclock: 'alarm clock',
  wakeup: 'wake up', oclock: 'oclock', mins: 'minutes', min: 'minutes', hrs: 'hours', hr: 'hours',
  everyday: 'every day', weekday: 'weekday', nevermind: 'never mind', labeled: 'labelled',
  morn: 'morning', noontime: 'noon',
};

/** Wake words and assistant names that start many spoken requests. */
const WAKE_WORDS = /^(?:(?:hey|hi|ok|okay|yo)\s+)?(?:olly|ollie|olli|siri|alexa|google|computer|assistant|jarvis|cortana)\b\s*/;

export function ordinalSuffix(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  switch (n % 10) {
    case 1: return `${n}st`;
    case 2: return `${n}nd`;
    case 3: return `${n}rd`;
    default: return `${n}th`;
  }
}

function isNumeric(tok: string | undefined): boolean {
  return tok !== undefined && /^\d+$/.test(tok);
}

/**
 * Converts spoken number words in a token list into digit tokens. Unit-then-tens
 * sequences stay separate ("five thirty" -> "5", "30") so the time grammar can read them
 * as hour and minute; tens-then-unit combine ("twenty five" -> "25").
 */
export function wordsToDigits(tokens: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i];
    const next = tokens[i + 1];
    if (tok in TENS) {
      let v = TENS[tok];
      if (next !== undefined && next in UNITS && UNITS[next] > 0) {
        out.push(String(v + UNITS[next]));
        i += 2;
        continue;
      }
      if (next !== undefined && next in ORDINALS && ORDINALS[next] < 10) {
        out.push(ordinalSuffix(v + ORDINALS[next]));
        i += 2;
        continue;
      }
      out.push(String(v));
      i += 1;
      continue;
    }
    if (tok in UNITS || tok in TEENS) {
      let v = tok in UNITS ? UNITS[tok] : TEENS[tok];
      let j = i + 1;
      if (tokens[j] === 'hundred') {
        v *= 100;
        j += 1;
        let k = j;
        if (tokens[k] === 'and') k += 1;
        const t = tokens[k];
        if (t !== undefined && (t in TENS || t in TEENS || t in UNITS)) {
          let add = t in TENS ? TENS[t] : t in TEENS ? TEENS[t] : UNITS[t];
          k += 1;
          const u = tokens[k];
          if (t in TENS && u !== undefined && u in UNITS && UNITS[u] > 0) {
            add += UNITS[u];
            k += 1;
          }
          v += add;
          j = k;
        }
      }
      out.push(String(v));
      i = j;
      continue;
    }
    if ((tok === 'oh' || tok === 'o') && isNumeric(out[out.length - 1]) && next !== undefined && next in UNITS) {
      out.push(`0${UNITS[next]}`);
      i += 2;
      continue;
    }
    if (tok in ORDINALS) {
      const prev = out[out.length - 1];
      // "second" and "first" are ordinary words too; only read them as dates after "the"/"on".
      if ((tok !== 'second' && tok !== 'first') || prev === 'the' || prev === 'on' || prev === 'of') {
        out.push(ordinalSuffix(ORDINALS[tok]));
        i += 1;
        continue;
      }
    }
    out.push(tok);
    i += 1;
  }
  return out;
}

/** Lower-cases, strips punctuation and wake words, fixes spellings and converts numbers. */
export function normalizeText(text: string): string {
  let s = text.toLowerCase().replace(/[\u2018\u2019`]/g, "'");
  s = s.replace(/\b([ap])\.\s?m\b\.?/g, '$1m');
  s = s.replace(/\bo'?\s?clock\b/g, ' oclock');
  s = s.replace(/(\d)([ap]m)\b/g, '$1 $2');
  s = s.replace(/'/g, '');
  s = s.replace(/(\d):(\d\d)/g, '$1\u0001$2');
  s = s.replace(/[^a-z0-9\u0001/]+/g, ' ');
  s = s.replace(/\u0001/g, ':').trim();
  s = s.replace(WAKE_WORDS, '');
  if (s.length === 0) return s;
  const tokens = s.split(' ').map((t) => SPELLING[t] ?? t);
  s = wordsToDigits(tokens.join(' ').split(' ')).join(' ');
  // Speech transcripts sometimes spell the meridiem out: "5 a m", "7 p m".
  s = s.replace(/(\d) ([ap]) m\b/g, '$1 $2m');
  return s;
}
