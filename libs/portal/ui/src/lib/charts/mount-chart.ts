import { DestroyRef, type Signal, afterNextRender, inject, signal } from '@angular/core';
import type { ECharts } from 'echarts';

/**
 * A component's ECharts chart in `host` (SVG renderer, so it prints sharp), created after the
 * first render — ECharts is loaded on demand — resized with the window and disposed with the
 * component. Null until it exists. Call it in a field initialiser or the constructor.
 */
export function mountChart(host: () => HTMLElement): Signal<ECharts | null> {
  const destroyRef = inject(DestroyRef);
  const chart = signal<ECharts | null>(null);
  afterNextRender(() => {
    void import('echarts').then((echarts) => {
      if (destroyRef.destroyed) return;
      const created = echarts.init(host(), undefined, { renderer: 'svg' });
      const resize = () => created.resize();
      window.addEventListener('resize', resize);
      destroyRef.onDestroy(() => {
        window.removeEventListener('resize', resize);
        created.dispose();
      });
      chart.set(created);
    });
  });
  return chart.asReadonly();
}
