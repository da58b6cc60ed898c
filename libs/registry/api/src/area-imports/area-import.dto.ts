import { createZodDto } from 'nestjs-zod';
import { areaImportOptionsSchema, type FeatureError } from '@quartier/registry-core';
import type { AreaImportStatus } from '../entities/area-import.entity';

export class AreaImportQueryDto extends createZodDto(areaImportOptionsSchema) {}

export interface AreaImportJob {
  id: string;
  status: AreaImportStatus;
  level: string;
  processed: number;
  /** Share of the uploaded bytes parsed so far, 0…1: the progress bar. */
  progress: number;
  created: number;
  updated: number;
  errors: FeatureError[];
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}
