import { describe, expect, it } from 'vitest';
import { nextStepsOf, onlineHref, procedureHref, ticketChoiceOf, type AskResult } from './api.js';

const base: AskResult = {
  answer: 'x',
  procedures: [{ code: '1.001193', name: 'Thủ tục đăng ký khai sinh', score: 3 }],
  citations: [{ code: '1.001193', field: 'Hộ tịch' }],
  confidence: 'high',
  outOfScope: false,
  needsHuman: false,
};

describe('assistant web helpers', () => {
  it('links a citation to the portal page of the procedure, or to the server’s own link', () => {
    expect(procedureHref('1.001193')).toBe('/thu-tuc/1.001193');
    expect(procedureHref('1.001193', '/thu-tuc/1.001193?center=x')).toBe('/thu-tuc/1.001193?center=x');
    expect(procedureHref('1.001193', 'https://elsewhere.example/')).toBe('/thu-tuc/1.001193');
    expect(onlineHref('1.001193')).toBe('/nop-truc-tuyen/1.001193');
  });

  it('uses the server’s next steps, else offers a ticket for the best procedure (never when out of scope)', () => {
    expect(nextStepsOf({ ...base, nextSteps: [{ kind: 'human', label: 'h' }] })).toEqual([{ kind: 'human', label: 'h' }]);
    expect(nextStepsOf(base)).toEqual([{ kind: 'ticket', fieldId: null, fieldName: 'Hộ tịch', label: '' }]);
    expect(nextStepsOf({ ...base, outOfScope: true, procedures: [], citations: [] })).toEqual([]);
  });

  it('takes the kiosk ticket for the named field, else for the best procedure', () => {
    const fieldId = '7b0c4a1e-8f7e-4a51-9a53-1d2f3c4b5a69';
    expect(ticketChoiceOf({ kind: 'ticket', fieldId, fieldName: 'Hộ tịch', label: '' }, base)).toEqual({ kind: 'field', fieldId });
    expect(ticketChoiceOf({ kind: 'ticket', fieldId: null, fieldName: '', label: '' }, base)).toEqual({ kind: 'procedure', code: '1.001193', name: 'Thủ tục đăng ký khai sinh' });
    expect(ticketChoiceOf({ kind: 'ticket', fieldId: null, fieldName: '', label: '' }, { ...base, procedures: [] })).toBeNull();
  });
});
