// Setup of the jsdom project (vitest.config.mts): component state tests.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(cleanup);

/**
 * jsdom lays nothing out, so every element measures 0 × 0 and Recharts draws no chart. Here a
 * chart's wrapper measures CHART_BOX (a chart panel's size), the rest (legend, tooltip) stays
 * 0 × 0, and a ResizeObserver reports those sizes once.
 */
export const CHART_BOX = { width: 640, height: 220 };

const rect = (width: number, height: number): DOMRect =>
  ({
    x: 0,
    y: 0,
    top: 0,
    left: 0,
    right: width,
    bottom: height,
    width,
    height,
    toJSON: () => ({ width, height }),
  }) as DOMRect;
const measure = (el: Element): DOMRect =>
  el.classList.contains('recharts-wrapper') ? rect(CHART_BOX.width, CHART_BOX.height) : rect(0, 0);
Element.prototype.getBoundingClientRect = function getBoundingClientRect(this: Element): DOMRect {
  return measure(this);
};

class FixedSizeResizeObserver implements ResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element): void {
    this.callback([{ target, contentRect: measure(target) } as ResizeObserverEntry], this);
  }
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver = FixedSizeResizeObserver;
