/**
 * Intent grammar: which alarm action a normalised utterance asks for. Rules look at the
 * nouns (alarm, wake-up call), verbs (set, delete, change, turn off, snooze) and sentence
 * form (questions list alarms), never at whole memorised sentences.
 */
import type { IntentName } from '@app/shared';

export interface IntentGuess {
  intent: IntentName;
  confidence: number;
  /** Short machine-readable reason, for tests and debugging. */
  rule: string;
}

const FILLER = '(?:(?:oh|no|nah|actually|just|ok|okay|please|um|uh|hmm|well|so|then|oops|wait)\\s)*';
const RE_CANCEL = new RegExp(
  `^${FILLER}(?:never ?mind(?: (?:that|it))?|forget (?:it|that|this|about it|about that)|cancel(?: (?:that|it|this|the request|everything|this request|what i said))?|stop(?: (?:that|it|this))?|abort(?: (?:that|it))?|quit|exit|nothing|dont bother|do not bother|scratch that|leave it|drop it|not now|skip it|ignore (?:that|it|me)|(?:i )?changed my mind|no thanks?(?: you)?|i dont want (?:it|that|to) anymore)(?: (?:please|then|thanks|thank you|for now))*$`,
);
const RE_NO = /^(?:no|nope|nah)$/;
const RE_RESUME = new RegExp(
  `^(?:(?:yes|yeah|yep|ok|okay|sure|please|alright|right|lets|let us|now|and|so|could you|can you|can we|would you)\\s)*(?:resume(?: (?:it|that|this|the alarm|the last one|the previous one|the setup|where we left off))?|continue(?: (?:it|that|this|where we left off|from where we (?:left off|stopped)|with (?:it|that|the alarm|what we were doing)|the alarm))?|carry on|go on|go ahead(?: and finish(?: it| that)?)?|finish(?: (?:it|that|this|up|the alarm|setting (?:it|that|the alarm)(?: up)?|what we started))?|complete (?:it|that|this)|pick up where we left off|where were we|(?:go )?back to (?:it|that|the alarm|where we were)|keep going)(?: (?:please|then|now|thanks))*$`,
);
const RE_RESUME_LOOSE =
  /\b(?:where we left off|where we stopped|(?:finish|continue|complete) (?:setting|creating|making|changing) (?:up )?(?:the |my |that )?alarm|back to (?:the|my|that) alarm (?:we|i) (?:were|was) (?:setting|making))\b/;

const RE_SECURITY =
  /\b(?:fire|smoke|burglar|security|intruder|car|house|home|door|window|motion|co|carbon monoxide|gas|flood|panic|theft|baby|water leak|false) alarms?\b|\balarm (?:system|panel|company|code)\b|\b(?:arm|disarm|rearm)(?:ed)? (?:the|my)\b/;
const RE_ALARM_SETTINGS = /\balarms? (?:sound|tone|ringtone|volume|music|song|noise|app)\b/;
const RE_ALARM_NOUN = /\balarms?\b|\bwake ?up (?:calls?|times?)\b/;
const RE_WAKE =
  /\bwake (?:me|us|him|her|them|my [a-z]+)\b|\b(?:to|i|we|must|should|gonna|will) wake up\b|\bwake up (?:at|by|around|before|early|in|tomorrow|call)\b|\bget (?:me |us )?up (?:at|by|around|before|early|in|tomorrow)\b|\bget me out of bed\b|\b(?:im|i am|be|i have to be|i need to be) up (?:at|by|before)\b|\bawaken(?:ed)?\b|\b(?:be|am|im) awake (?:at|by|before)\b/;
const RE_ALERT = /\b(?:alert|buzz|beep|ring) me (?:at|by|around) \d|\b(?:alert|buzz|beep|ring) me (?:in|after) (?:\d+|an?|half an?) (?:minutes?|hours?)\b/;
const RE_SNOOZE = /\bsnooze\b|\b(?:\d+|a few|few|couple of|a couple) more minutes\b|\blet me sleep\b/;

const RE_SNOOZE_OTHER =
  /\bsnooze (?:my |the |all |your )?(?!(?:alarms?|it|that|this|for|again|please|button|another|a|an|me|now|until|till|by|off|\d+)\b)[a-z]+/;
const PREFIX = '(?:(?:please|so|and|hey|ok|okay|now|can you|could you|would you|will you|can i|could i|may i|i want to|i would like to|id like to|i wanna|i need to|lets|let me)\\s)*';
const RE_QUESTION = new RegExp(
  `^${PREFIX}(?:(?:at|for|by|on|until) )?(?:what|whats|which|when|whens|how many|how much|how long|do i|did i|have i|havent i|are there|is there|are any|is my|is the|is an?|is any|is it set|are my|are the|am i|will my|will the|does my|does the|where)\\b`,
);
const RE_LIST_VERB = new RegExp(
  `^${PREFIX}(?:list|show|tell me|check|checkout|read(?: out| me)?|let me know|provide|report|display|see|view|review|look at|look up|find|give me (?:a list|the list|all|my|an overview|a rundown)|remind me (?:of|what) my)\\b`,
);
const RE_LIST_ANY =
  /\b(?:next alarm|upcoming alarms?|alarms? (?:times|timings|settings|list|schedule|status)|list (?:of )?(?:my |all )?alarms|alarms? (?:do|did) i have|alarms? i have|alarms? (?:are|is) (?:set|on|active|upcoming|scheduled)|any alarms|how many alarms|all (?:my |the )?alarms set)\b/;
const RE_DELETE =
  /\b(?:delete|remove|cancel|clear|erase|get rid of|drop|scrap|discard|trash|eliminate|kill|wipe|unset|take (?:off|away|out)|(?:dont|do not|no longer) (?:need|want)|rid of|deleted)\b/;
const RE_UPDATE =
  /\b(?:change|move|reschedule|push|shift|adjust|update|edit|modify|reset|rename|relabel|retitle|bring (?:it )?forward|postpone|delay|make it|set it to|instead|(?:earlier|later)$|switch (?:it|my alarm|the alarm) to|label it|call it|name it)\b/;
const RE_NAME_ONLY_UPDATE = /\b(?:label it|call it|name it)\b/;
export const RE_DISABLE =
  /\b(?:turn(?:ed)? (?:(?!on\b)[a-z0-9]+ ){0,4}?off|switch(?:ed)? (?:(?!on\b)[a-z0-9]+ ){0,4}?off|shut (?:[a-z0-9]+ ){0,4}?off|disable|deactivate|silence|mute|pause|stop|dismiss|alarms? off)\b/;
export const RE_ENABLE =
  /\b(?:turn(?:ed)? (?:(?!off\b)[a-z0-9]+ ){0,4}?on|switch(?:ed)? (?:(?!off\b)[a-z0-9]+ ){0,4}?on|enable|activate|reactivate|re enable|unmute|unpause)\b|\balarms? (?:back )?on$/;
const RE_CREATE =
  /\b(?:set|sets|setup|make|create|add|put|schedule|program|start|new|book|need|want|would like|wanna|give me|get me|like|configure|establish|arrange|plan)\b/;
const RE_NEW_ALARM = /\b(?:an|a|new|another) (?:new )?alarm\b/;
const RE_WHAT_TIME = /\b(?:what|which) (?:time|times|alarms?)\b/;
const RE_CREATE_START = new RegExp(`^${PREFIX}(?:set|make|create|add|put|schedule|wake)\\b`);
const RE_NO_ALARM = /^(?:(?:please|just|ok|okay)\s)*(?:no|skip)(?: (?:my|the|an?|any))? alarms?\b/;
const RE_CREATE_STRONG = /\b(?:a new|another|new (?:one|1)|set (?:up )?(?:a|an|one|1)|create (?:a|an|one|1))\b/;
const RE_BARE_NOUN = /^(?:my |the |an? )?(?:alarm|alarm clock|wake up call)(?: please)?$/;
const RE_BARE_PLURAL = /^(?:my |the |all )?(?:alarms|all my alarms)(?: please)?$/;
const RE_UPDATE_NO_NOUN = /^(?:(?:no|actually|ok|okay|please|and|then)\s)*(?:make it|change it to|move it to|set it to|push it to|call it|name it|label it|rename it(?: to)?)\b/;

/** Everything that can stand next to a time in a bare "7 am tomorrow" request. */
const FILLER_WORDS = new Set([
  'at', 'for', 'on', 'the', 'please', 'and', 'in', 'this', 'a', 'an', 'me', 'to', 'um', 'uh', 'ok', 'okay',
  'yes', 'by', 'around', 'about', 'morning', 'evening', 'afternoon', 'night', 'tonight', 'tomorrow', 'today',
  'am', 'pm', 'oclock', 'of', 'o', 'every', 'day', 'next',
]);

/** True when every word left after removing time mentions is filler. */
export function isBareTime(maskedWords: string[]): boolean {
  return maskedWords.every((w) => w === '#' || FILLER_WORDS.has(w));
}

const g = (intent: IntentName, confidence: number, rule: string): IntentGuess => ({ intent, confidence, rule });

/** Lazy facts about times in the utterance, computed by the caller only when a rule asks. */
export interface TimeProbe {
  /** The text is only a time expression ("7 am tomorrow"). */
  bareTime(): boolean;
  /** The text names a time, date or repeat. */
  hasWhen(): boolean;
}

/** Classifies a normalised utterance. */
export function classify(s: string, probe: TimeProbe): IntentGuess {
  if (s.length === 0) return g('none', 0.3, 'empty');
  if (RE_CANCEL.test(s)) return g('cancel', 0.95, 'cancel-phrase');
  if (RE_NO.test(s)) return g('cancel', 0.7, 'no');
  if (RE_RESUME.test(s)) return g('resume', 0.92, 'resume-phrase');
  if (RE_RESUME_LOOSE.test(s)) return g('resume', 0.8, 'resume-loose');
  if (RE_SECURITY.test(s)) return g('none', 0.85, 'security-alarm');

  const noun = RE_ALARM_NOUN.test(s);
  const wake = RE_WAKE.test(s);
  const snooze = RE_SNOOZE.test(s);
  const alert = RE_ALERT.test(s);
  if (/\b(?:dont|do not|no need to) wake (?:me|us)\b/.test(s)) return g('delete_alarm', 0.55, 'dont-wake');
  if (snooze && !noun && RE_SNOOZE_OTHER.test(s)) return g('none', 0.75, 'snooze-other');
  if (snooze) return g('snooze_alarm', noun || /\bsnooze\b/.test(s) ? 0.92 : 0.7, 'snooze');
  if (!noun && !wake && !alert) {
    if (RE_UPDATE_NO_NOUN.test(s)) return g('update_alarm', 0.55, 'update-followup');
    if (probe.bareTime()) return g('none', 0.4, 'bare-time');
    return g('none', /\b(?:remind|reminder|timer|calendar|meeting|event|wake)\b/.test(s) ? 0.75 : 0.9, 'no-alarm-cue');
  }
  if (noun && RE_ALARM_SETTINGS.test(s)) return g('none', 0.55, 'alarm-settings');
  if (RE_NO_ALARM.test(s)) return g('delete_alarm', 0.7, 'no-alarm');
  if (RE_BARE_NOUN.test(s)) return g('create_alarm', 0.45, 'bare-noun');
  if (RE_BARE_PLURAL.test(s)) return g('list_alarms', 0.55, 'bare-plural');

  const del = RE_DELETE.test(s);
  const upd = RE_UPDATE.test(s);
  const off = RE_DISABLE.test(s);
  const on = RE_ENABLE.test(s);
  const create = RE_CREATE.test(s) || wake || alert;
  const createStrong = RE_CREATE_STRONG.test(s);
  const competing = [del, upd, off || on, createStrong].filter(Boolean).length;
  // Two different actions in one message: pick the first by priority but let the orchestrator ask.
  const sure = (c: number) => (competing > 1 ? Math.min(c, 0.55) : c);

  const question = RE_QUESTION.test(s) || (RE_WHAT_TIME.test(s) && !RE_CREATE_START.test(s));
  if (question && !noun && /\b(?:should|ought|need to|have to|best|good time)\b/.test(s)) return g('none', 0.6, 'wake-advice');
  if (question && !noun) return g('list_alarms', 0.6, 'wake-question');
  if (question) return g('list_alarms', del || upd ? 0.55 : 0.9, 'question');
  if (del) return g('delete_alarm', sure(0.92), 'delete-verb');
  if (RE_LIST_VERB.test(s)) return g('list_alarms', create && !/\b(?:have|i set)\b/.test(s) ? 0.7 : 0.88, 'list-verb');
  if (upd && !(RE_NAME_ONLY_UPDATE.test(s) && create && /\b(?:an?|new) alarm\b/.test(s))) {
    return g('update_alarm', sure(0.88), 'update-verb');
  }
  if (on && !off && RE_NEW_ALARM.test(s)) return g('create_alarm', 0.8, 'turn-on-new');
  if (off || on) return g('update_alarm', sure(/\b(?:stop|pause|silence|mute|dismiss)\b/.test(s) ? 0.7 : 0.88), 'toggle');
  if (create) return g('create_alarm', noun || wake ? 0.92 : 0.75, 'create');
  if (RE_LIST_ANY.test(s) || /\balarms\b/.test(s)) return g('list_alarms', 0.7, 'list-phrase');
  return g('create_alarm', probe.hasWhen() ? 0.8 : 0.6, 'alarm-noun');
}
