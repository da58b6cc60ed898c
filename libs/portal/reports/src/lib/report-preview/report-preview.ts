import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Notice } from '@quartier/portal-ui';
import type { ReportView } from '../report-jobs';
import { ReportsStore } from '../reports-store';
import { ReportsTexts } from '../texts';

/** Width of the preview in CSS pixels: an A4 page readable enough to recognise the report. */
const PREVIEW_WIDTH = 420;

/** The first page of a finished PDF report as an image, drawn in the browser with pdf.js. */
@Component({
  selector: 'q-report-preview',
  imports: [Notice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (state() === 'loading') {
      <p role="status">{{ t('previewLoading') }}</p>
    } @else if (state() === 'failed') {
      <q-notice kind="error">{{ t('previewFailed') }}</q-notice>
    }
    <canvas
      #canvas
      role="img"
      data-testid="report-preview"
      [attr.data-drawn]="state() === 'drawn' ? report().id : null"
      [attr.aria-label]="t('previewLabel', { title: report().title })"
      [hidden]="state() !== 'drawn'"
    ></canvas>
  `,
  styles: `
    canvas {
      display: block;
      max-width: 100%;
      border: 1px solid #d0d7de;
      box-shadow: 0 1px 4px rgb(0 0 0 / 15%);
      background: #fff;
    }
  `,
})
export class ReportPreview {
  private readonly store = inject(ReportsStore);
  protected readonly t = inject(ReportsTexts).t;
  readonly report = input.required<ReportView>();
  protected readonly state = signal<'loading' | 'drawn' | 'failed'>('loading');
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private drawing = 0;
  /** Status polls hand in a fresh copy of the same report: only another report is drawn anew. */
  private readonly reportId = computed(() => this.report().id);

  constructor() {
    effect(() => {
      this.reportId();
      const canvas = this.canvas().nativeElement;
      untracked(() => void this.draw(this.report(), canvas));
    });
  }

  private async draw(report: ReportView, canvas: HTMLCanvasElement): Promise<void> {
    const run = ++this.drawing;
    this.state.set('loading');
    try {
      const [file, pdf] = await Promise.all([this.store.fileOf(report), import('./pdf-first-page')]);
      const bytes = await file.blob.arrayBuffer();
      if (run !== this.drawing) return;
      await pdf.drawFirstPage(bytes, canvas, PREVIEW_WIDTH);
      if (run === this.drawing) this.state.set('drawn');
    } catch {
      if (run === this.drawing) this.state.set('failed');
    }
  }
}
