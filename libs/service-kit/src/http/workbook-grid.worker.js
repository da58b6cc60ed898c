// Worker thread: inflates and parses one XLSX workbook with exceljs and hands back every
// worksheet's cells as plain data. Plain CommonJS so it runs as it is in tests and in the build.
// The request thread only waits for the message, so a slow or hostile workbook cannot stall it.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

function textOf(cell) {
  try {
    return cell.text;
  } catch {
    return '';
  }
}

async function read() {
  const ExcelJS = require(workerData.exceljs);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(workerData.bytes);
  return workbook.worksheets.map((sheet) => {
    const rows = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells.push({ col, value: cell.value, text: textOf(cell) });
      });
      rows.push({ number, cells });
    });
    return { name: sheet.name, columnCount: sheet.columnCount, rows };
  });
}

read().then(
  (sheets) => parentPort.postMessage({ ok: true, sheets }),
  (error) => parentPort.postMessage({ ok: false, message: String((error && error.message) || error) }),
);
