import { readConfirmation } from './confirmation';

describe('readConfirmation', () => {
  it.each(['yes', 'Yes please', 'yeah, do it', 'OK', 'sure', 'go ahead and delete them'])('"%s" is yes', (t) => {
    expect(readConfirmation(t)).toBe(true);
  });
  it.each(['no', 'Nope', "don't", 'no, keep them'])('"%s" is no', (t) => {
    expect(readConfirmation(t)).toBe(false);
  });
  it.each(['what time is it', 'delete the 7am one', 'at 7', ''])('"%s" is not an answer', (t) => {
    expect(readConfirmation(t)).toBeNull();
  });
});
