/** Natural-language understanding: the local grammar-based recogniser and its helpers. */
export type { ConversationTurn, IntentRecognizer, NluContext, Recognition } from './nlu.types';
export { LocalRecognizer, recognizeLocal, extractAlarmParams, warmUp } from './local-recognizer';
export { formatTime12, describeWhen, describeRepeat, describeDay } from './format';
export { nextOccurrence } from './occurrence';
export { normalizeText } from './normalize';
