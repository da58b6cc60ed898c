import SVGtoPDF from 'svg-to-pdfkit';
import type { ReportFigure } from '../../model/report-document';
import { ReportingError } from '../../reporting-error';
import { contentWidth, ensureSpace, LAYOUT, pageBottom, type PdfContext } from './pdf-context';
import { FONT } from './pdf-fonts';
import { drawSvgPlan, planSvg } from './pdf-svg';

// Charts and maps stay vectors, drawn with PDF path operators, their text set in the embedded
// fonts, so nothing falls back to an unembedded Helvetica. Our own SVG (ECharts, maps) is drawn
// by pdf-svg.ts; anything it does not know goes through svg-to-pdfkit (fontCallback) as before.

/**
 * svg-to-pdfkit (assumePt: false) draws an SVG at its own size, 1 px = 0.75 pt (CSS pixels at
 * 72 pt per 96 px), whatever width it is given; the fast path keeps that so pages look the same.
 */
const PX_TO_PT = 72 / 96;

/** Figures are drawn 1 px = 1 pt, shrunk to the text width and to at most 60 % of a page. */
function drawnSize(ctx: PdfContext, figure: ReportFigure): { width: number; height: number } {
  const { doc } = ctx;
  const maxHeight = (pageBottom(doc) - doc.page.margins.top) * 0.6;
  const scale = Math.min(1, contentWidth(doc) / figure.width, maxHeight / figure.height);
  return { width: figure.width * scale, height: figure.height * scale };
}

function fontFor(_family: string, bold: boolean, italic: boolean): string {
  if (bold) return italic ? FONT.boldItalic : FONT.bold;
  return italic ? FONT.italic : FONT.regular;
}

export function figure(ctx: PdfContext, figure: ReportFigure): void {
  const { doc } = ctx;
  ctx.figureCount += 1;
  const size = drawnSize(ctx, figure);
  const caption = `${ctx.t('figure.label', { n: ctx.figureCount })}: ${figure.caption}`;
  doc.font(FONT.bold).fontSize(LAYOUT.body - 1);
  const captionHeight = doc.heightOfString(caption, { width: contentWidth(doc) });
  ensureSpace(doc, size.height + captionHeight + 12);
  const x = doc.page.margins.left + (contentWidth(doc) - size.width) / 2;
  const y = doc.y + 4;
  ctx.root.add(
    doc.struct('Figure', { alt: figure.alt }, () => {
      try {
        const plan = planSvg(figure.svg, fontFor);
        if (plan) drawSvgPlan(doc, plan, x, y, PX_TO_PT);
        else SVGtoPDF(doc, figure.svg, x, y, { ...size, fontCallback: fontFor, assumePt: false });
      } catch (error) {
        throw new ReportingError(
          'RenderFailed',
          `figure "${figure.id}" could not be drawn: ${(error as Error).message}`,
        );
      }
    }),
  );
  doc.x = doc.page.margins.left;
  doc.y = y + size.height + 4;
  ctx.root.add(
    doc.struct('Caption', {}, () => {
      doc
        .font(FONT.bold)
        .fontSize(LAYOUT.body - 1)
        .fillColor(LAYOUT.ink)
        .text(caption, doc.page.margins.left, doc.y, {
          width: contentWidth(doc),
        });
      if (figure.source) {
        doc
          .font(FONT.regular)
          .fontSize(LAYOUT.small)
          .fillColor(LAYOUT.muted)
          .text(ctx.t('source.label', { source: figure.source }), {
            width: contentWidth(doc),
          });
      }
    }),
  );
  doc.moveDown(0.8);
}
