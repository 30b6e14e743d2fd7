import { IntentParamsSchema, type IntentName } from '@app/shared';
import { LocalRecognizer, recognizeLocal } from './local-recognizer';
import { at } from './test-helpers';

const ctx = at('2026-11-22T09:00:00', 'Europe/Berlin');
const intentOf = (text: string) => recognizeLocal(text, ctx).intent;

const CASES: Record<IntentName, string[]> = {
  create_alarm: [
    'wake me up at seven thirty tomorrow',
    'set an alarm for six forty five am',
    'i need an alarm at five in the morning',
    'please create an alarm for eight pm tonight',
    'alarm at nine tomorrow',
    'can you wake me at quarter to seven',
    'new alarm for noon',
    'put an alarm on for ten thirty',
    'i have to get up at six tomorrow',
    "make sure i'm up by seven",
    'add an alarm for monday at eight am',
    'set an alarm to go off in thirty minutes',
    'alarm for twenty minutes from now',
    'set alarm',
    'i want an alarm tomorrow morning',
    'schedule a wake up call for six',
    'Set a gym alarm for 5:45 tomorrow.',
    'Hey Siri, set an alarm for 7am',
    'could you please set my alarm for 6:15',
    'turn on an alarm for 7 am',
    'alert me at 4 pm',
    'buzz me in 10 minutes',
    'can you get me up at seven am',
    'i have an early flight wake me at four forty five am',
    'add a seven thirty am alarm',
    'alarm six am',
    'please keep an alarm at five am',
    "i'd like to be awakened at seven",
  ],
  list_alarms: [
    'what time is my alarm',
    'when is my next alarm',
    'show me all my alarms',
    'list alarms',
    'how many alarms have i set',
    'do i have any alarms tomorrow',
    'what alarms are on for the weekend',
    'have i got an alarm for tomorrow',
    'tell me what alarms i have',
    'is there an alarm set for seven',
    'check my alarms',
    'which alarms are active',
    'alarms for tomorrow',
    "what's my wake up time",
    'my alarm is set for what time',
    'at what time does my alarm go off',
    'is my alarm on for monday',
    'what did i set my alarm for',
    "what's the earliest alarm i have",
    'any alarms tomorrow',
    'alarm list',
  ],
  delete_alarm: [
    'delete my alarm for tomorrow',
    'remove all alarms',
    'cancel the seven am alarm',
    'get rid of my wake up alarm',
    'clear all my alarms',
    "i don't need the alarm tomorrow",
    'erase the alarm',
    'cancel my wake up call',
    'delete all my alarms',
    'delete the gym alarm',
    'can you remove the 6:30 alarm please',
    "cancel tomorrow's alarm",
    'take off the alarm for friday',
    'alarm delete',
    'no alarm tomorrow',
  ],
  update_alarm: [
    'change my 7 am alarm to 8',
    'move my gym alarm to 6:30',
    'rename my 7 am alarm to gym',
    'turn off my 6 am alarm',
    'turn my morning alarm on',
    'disable the gym alarm',
    'push my alarm to 7:15',
    'change the alarm to 7',
    'switch off the weekend alarm',
    'reschedule my alarm for 6 tomorrow',
    'change alarm time from six to seven',
    'set my morning alarm to 7 instead',
    'set my alarm an hour later',
  ],
  snooze_alarm: ['snooze', 'snooze for 10 minutes', 'give me five more minutes', 'snooze the alarm for 15 minutes', 'snooze it'],
  cancel: ['never mind', 'forget it', 'cancel that', 'cancel', 'Nevermind.', 'oh just forget about it', 'stop'],
  resume: ['resume', 'yes, finish it', 'continue where we left off', "let's finish setting the alarm", 'continue', 'ok go ahead'],
  none: [
    'set a timer for ten minutes',
    'remind me to call mom at five',
    'what time is it',
    'turn off the lights at 7 am',
    'is the security alarm armed',
    'play some wake up music',
    'i woke up at six today',
    'that was a false alarm',
    'set the thermostat to twenty degrees at seven am',
    "what's the weather like at seven am tomorrow",
    'schedule a meeting at three pm',
    'alert me when my package arrives',
    'alert me in case of rain',
    'resume the music',
    'continue playing the audiobook',
    'cancel my meeting with john',
    'cancel the order',
    'stop the music',
    'delete the email from bob',
    'remove milk from my shopping list',
    'turn on the kitchen lights',
    'how long until christmas',
    'set the volume to seven',
    "play the seven o'clock news",
    'add an event to my calendar for friday at 2 pm',
    'book a taxi for 7 am tomorrow',
    'order pizza for 8 pm',
    'move the meeting to 4 pm',
    'snooze my email notifications',
    'make coffee at 7 am',
    'start the vacuum at ten',
    'what time does the sun rise tomorrow',
    'arm the house alarm',
    "what's the alarm code",
    'set a reminder for my dentist appointment at 3',
    'wake up word settings',
    'how do i set up the alarm system',
    'remind me tomorrow at six am to call john',
    'what time should i wake up tomorrow',
    'wake up',
    'good morning',
    'order a taxi for six am',
  ],
};

describe('intent grammar on hand-written utterances', () => {
  for (const [intent, texts] of Object.entries(CASES)) {
    it.each(texts)(`%s -> ${intent}`, (text) => {
      expect(intentOf(text)).toBe(intent);
    });
  }
});

describe('confidence', () => {
  it('is in 0..1 and high for clear requests', () => {
    for (const texts of Object.values(CASES)) {
      for (const t of texts) {
        const c = recognizeLocal(t, ctx).confidence;
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
      }
    }
    expect(recognizeLocal('set an alarm for 7 am', ctx).confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('is below 0.6 when the utterance is unclear', () => {
    expect(recognizeLocal('alarm', ctx).confidence).toBeLessThan(0.6);
    expect(recognizeLocal('7 am tomorrow', ctx)).toMatchObject({ intent: 'none', params: { time: '07:00', date: '2026-11-23' } });
    expect(recognizeLocal('7 am tomorrow', ctx).confidence).toBeLessThan(0.6);
    expect(recognizeLocal("don't wake me up tomorrow", ctx).confidence).toBeLessThan(0.6);
    expect(recognizeLocal('make it 7:15', ctx).confidence).toBeLessThan(0.6);
  });

  it('is below 0.6 when one message asks for two different actions', () => {
    for (const t of ['cancel my 7 am alarm and set a new one for 8', 'delete the gym alarm and create one for yoga', 'turn off my alarm and change it to 7', 'did i delete my alarm']) {
      expect(recognizeLocal(t, ctx).confidence).toBeLessThan(0.6);
    }
    expect(recognizeLocal('remove the alarm set for four am', ctx).confidence).toBeGreaterThanOrEqual(0.9);
    expect(recognizeLocal('set up an alarm and call it gym', ctx)).toMatchObject({ intent: 'create_alarm', params: { label: 'gym' } });
  });

  it('out of scope is never an alarm intent, whatever the confidence', () => {
    for (const t of CASES.none) expect(recognizeLocal(t, ctx).intent).toBe('none');
  });
});

describe('parameters', () => {
  it('always match the wire schema', () => {
    const odd = ['', '!!!', 'set an alarm for 25:00', 'set an alarm at 13 pm', 'snooze for 5000 minutes', 'set an alarm in 0 minutes'];
    for (const t of [...Object.values(CASES).flat(), ...odd]) {
      expect(IntentParamsSchema.safeParse(recognizeLocal(t, ctx).params).success).toBe(true);
    }
  });
});

describe('LocalRecognizer', () => {
  it('implements IntentRecognizer with provider local', async () => {
    const r = new LocalRecognizer();
    expect(r.name).toBe('local');
    await expect(r.recognize('wake me at 6 am', ctx)).resolves.toMatchObject({
      intent: 'create_alarm',
      provider: 'local',
      params: { time: '06:00', date: '2026-11-23' },
    });
  });
});
