// Advance widths of DejaVu Sans (regular and bold) in thousandths of an em, for the characters
// reports use. ECharts lays out labels, legends and axis margins from text widths; on a server it
// has no canvas to measure with and would guess from Helvetica-like widths — too narrow for DejaVu
// (legends overlapped, long labels were cut). The spec checks this table against the font file.

export const METRIC_CHARS =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ¡¢£¤¥¦§¨©ª«¬­®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ€–—„“”‘’‚•…−‰';
// prettier-ignore
export const DEJAVU_SANS_WIDTHS: readonly number[] = [318,401,460,838,636,950,780,275,390,390,500,838,318,361,318,337,636,636,636,636,636,636,636,636,636,636,337,337,838,838,838,531,1000,684,686,698,770,632,575,775,752,295,295,656,557,863,748,787,603,787,695,635,611,732,684,989,685,611,685,390,337,390,838,500,500,613,635,550,635,615,352,635,634,278,278,579,278,974,634,612,635,635,411,521,392,634,592,818,592,592,525,636,337,636,838,318,401,636,636,636,636,337,500,500,1000,471,612,838,0,1000,500,500,838,401,401,500,636,636,318,500,401,471,612,969,969,969,531,684,684,684,684,684,684,974,698,632,632,632,632,295,295,295,295,775,748,787,787,787,787,787,838,787,732,732,732,732,611,605,630,613,613,613,613,613,613,982,550,615,615,615,615,278,278,278,278,612,634,612,612,612,612,612,838,612,634,634,634,634,592,635,592,636,500,1000,518,518,518,318,318,318,590,1000,838,1342];
// prettier-ignore
export const DEJAVU_SANS_BOLD_WIDTHS: readonly number[] = [348,456,521,838,696,1002,872,306,457,457,523,838,380,415,380,365,696,696,696,696,696,696,696,696,696,696,400,400,838,838,838,580,1000,774,762,734,830,683,683,821,837,372,372,775,637,995,837,850,733,850,770,720,682,812,774,1103,771,724,725,457,365,457,838,500,500,675,716,593,716,678,435,716,712,343,343,665,343,1042,712,687,716,716,493,595,478,712,652,924,645,652,582,712,365,712,838,348,456,696,696,636,696,365,500,500,1000,564,646,838,0,1000,500,500,838,438,438,500,736,636,380,500,438,564,646,1035,1035,1035,580,774,774,774,774,774,774,1085,734,683,683,683,683,372,372,372,372,838,837,850,850,850,850,850,838,850,812,812,812,812,724,738,719,675,675,675,675,675,675,1048,593,678,678,678,678,343,343,343,343,687,712,687,687,687,687,687,838,687,712,712,712,712,652,716,652,696,500,1000,657,657,657,380,380,380,639,1000,838,1440];

const regular = new Map<string, number>();
const bold = new Map<string, number>();
[...METRIC_CHARS].forEach((ch, i) => {
  regular.set(ch, DEJAVU_SANS_WIDTHS[i]);
  bold.set(ch, DEJAVU_SANS_BOLD_WIDTHS[i]);
});

/** Width in px of `text` set in DejaVu Sans at `fontSize` px; unknown characters count as a wide "M". */
export function dejaVuTextWidth(text: string, fontSize: number, isBold = false): number {
  const widths = isBold ? bold : regular;
  const fallback = widths.get('M')!;
  let total = 0;
  for (const ch of text) total += widths.get(ch) ?? fallback;
  return (total * fontSize) / 1000;
}

/** ECharts' measureText contract: a CSS font shorthand such as "bold 10px DejaVu Sans". */
export function measureCssText(text: string, font: string | undefined): { width: number } {
  const size = /(\d+(?:\.\d+)?)px/.exec(font ?? '');
  const isBold = /\b(bold|[6-9]00)\b/.test(font ?? '');
  return { width: dejaVuTextWidth(text ?? '', size ? Number(size[1]) : 12, isBold) };
}
