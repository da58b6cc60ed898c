import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { PORTAL_CONFIG } from '@quartier/portal-data-access';
import { firstValueFrom } from 'rxjs';
import type { ImportFormat, ImportJob } from '../indicator-api';

/** A dimension mapping the service saved for a source after an import with it succeeded. */
export interface SavedMapping {
  format: ImportFormat;
  source: string;
  mapping: string;
  updatedBy: string;
  updatedAt: string;
}

/** Imports with a dimension mapping and a source (SDMX-CSV, JSON-stat), and the saved mappings. */
@Injectable({ providedIn: 'root' })
export class ImportMappingApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(PORTAL_CONFIG).apiBaseUrl}/api/indicator/imports`;

  mappings(): Promise<SavedMapping[]> {
    return firstValueFrom(this.http.get<SavedMapping[]>(`${this.base}/mappings`));
  }

  /** The file goes up as it is; `map` and `source` only when given. */
  start(file: Blob, format: ImportFormat, fileName: string, map: string, source: string): Promise<ImportJob> {
    let params = new HttpParams().set('format', format).set('fileName', fileName);
    if (map.trim() !== '') params = params.set('map', map.trim());
    if (source.trim() !== '') params = params.set('source', source.trim());
    return firstValueFrom(
      this.http.post<ImportJob>(this.base, file, {
        params,
        headers: new HttpHeaders({ 'Content-Type': 'application/octet-stream' }),
      }),
    );
  }
}
