// Draws the SVG our charts (ECharts server-side) and maps produce straight into pdfkit, as PDF
// paths and text in the embedded fonts. svg-to-pdfkit handles any SVG, but builds a DOM with
// style inheritance, CSS lookups and a shape object per path command for it: profiling showed
// it at half of an area profile's render time. Our SVG uses a small part of the language, so
// this reads that part once into a list of drawing steps and gives the rest back: `planSvg`
// returns null for anything it does not know (an element, attribute, unit, colour or paint it
// cannot draw exactly), and the caller draws that figure with svg-to-pdfkit as before. Nothing
// is drawn before the whole figure is understood.
//
// What it draws the way svg-to-pdfkit does (a spec compares the rasterised pages): the viewBox
// fitted with xMidYMid meet and clipped, inherited presentation attributes and `style`
// declarations, transforms, fill/stroke with opacities, even-odd fills, dashes, joins and caps,
// clip paths of one shape, tiling patterns in user space, and text placed by `text-anchor` and
// `dominant-baseline` with svg-to-pdfkit's font metrics (ascent = max(ascender, bbox top)).
//
// The parts: svg/svg-xml (markup), svg-values (lengths, colours, transforms), svg-style (the
// presentation attributes), svg-outline (path data and shapes as PDF operators), svg-plan (the
// element tree into steps), svg-draw (the steps into the document).

export type { FontFor, SvgPlan } from './svg/svg-model';
export { planSvg } from './svg/svg-plan';
export { drawSvgPlan } from './svg/svg-draw';
