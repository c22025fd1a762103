import { describe, expect, it } from 'vitest';
import { checkCitizenId } from './citizen-id.js';

describe('personal identification number', () => {
  it('accepts a well-formed number consistent with the birth date', () => {
    expect(checkCitizenId('079186001234', '1986-05-20')).toBeNull();
    expect(checkCitizenId('001305012345', '2005-01-01')).toBeNull(); // female born 2005, Hà Nội
  });
  it('refuses wrong length, letters, unknown province, wrong birth year or century', () => {
    expect(checkCitizenId('07918600123')).toBe('format');
    expect(checkCitizenId('07918600123A')).toBe('format');
    expect(checkCitizenId('003186001234')).toBe('province');
    expect(checkCitizenId('079186001234', '1987-05-20')).toBe('birth_year');
    expect(checkCitizenId('079286001234', '1986-05-20')).toBe('birth_year');
  });
});
