import { describe, expect, it } from 'vitest';
import argFirstPage from './testdata/arg.first-page.json';
import logsExample from './testdata/logs.response-format.json';
import promVectorExample from './testdata/prom.instant-vector.json';
import promMatrixExample from './testdata/prom.range-matrix.json';
import { argRows, logsRows, parsePromNumber, promMatrix, promVector, WireFormatError } from './wire';

describe('wire schemas accept the real services’ documented responses', () => {
  it('reads a Resource Graph page (resultTruncated as a string, $skipToken present)', () => {
    const rows = argRows(argFirstPage);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ type: 'microsoft.compute/disks', location: 'eastus' });
  });

  it('reads a Log Analytics table into objects keyed by column', () => {
    const rows = logsRows(logsExample);
    expect(rows[0]).toEqual({ Category: 'Administrative', count_: 20839 });
    expect(rows).toHaveLength(4);
  });

  it('reads a Prometheus vector, values as numbers', () => {
    const samples = promVector(promVectorExample);
    expect(samples.map((s) => [s.labels['job'], s.value])).toEqual([
      ['prometheus', 1],
      ['node', 0],
    ]);
  });

  it('reads a Prometheus matrix', () => {
    const series = promMatrix(promMatrixExample);
    expect(series[0]?.points[0]).toEqual([1435781430.781, 1]);
  });

  it('keeps NaN and infinities that Prometheus sends as strings', () => {
    expect(parsePromNumber('NaN')).toBeNaN();
    expect(parsePromNumber('+Inf')).toBe(Infinity);
    expect(parsePromNumber('-Inf')).toBe(-Infinity);
    expect(() => parsePromNumber('twelve')).toThrow(WireFormatError);
  });
});

describe('wire schemas reject what they cannot trust', () => {
  it('rejects an error envelope or a wrong result type with a readable message', () => {
    expect(() => promVector({ status: 'error', errorType: 'bad_data', error: 'parse error' })).toThrow(WireFormatError);
    expect(() => promVector(promMatrixExample)).toThrow(/expected a vector, got a matrix/);
    expect(() => promMatrix(promVectorExample)).toThrow(/expected a matrix/);
  });

  it('rejects a Resource Graph body without data', () => {
    expect(() => argRows({ totalRecords: 1, count: 1, resultTruncated: false })).toThrow(/Resource Graph/);
  });

  it('rejects Log Analytics rows that do not match their columns', () => {
    const broken = {
      tables: [{ name: 'PrimaryResult', columns: [{ name: 'a', type: 'string' }], rows: [['x', 'extra']] }],
    };
    expect(() => logsRows(broken)).toThrow(/2 cells for 1 columns/);
  });

  it('rejects garbage', () => {
    for (const bad of [null, 'text', 42, [], {}]) {
      expect(() => argRows(bad)).toThrow(WireFormatError);
      expect(() => logsRows(bad)).toThrow(WireFormatError);
      expect(() => promVector(bad)).toThrow(WireFormatError);
    }
  });
});
