import { CronExpressionParser } from 'cron-parser';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { reportRequestSchema } from '../reports/report.dto';

/** The next time a cron expression fires after `after`, in its time zone. */
export function nextRun(cron: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timezone }).next().toDate();
}

function validTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('de-DE', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const cron = z
  .string()
  .trim()
  .min(9)
  .max(100)
  .superRefine((value, ctx) => {
    if (value.split(/\s+/).length !== 5) {
      ctx.addIssue({
        code: 'custom',
        message: 'a cron expression has five fields: minute hour day month weekday',
      });
      return;
    }
    try {
      CronExpressionParser.parse(value, { strict: false });
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not a cron expression: ${(error as Error).message}` });
    }
  });

export const createScheduleSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** Five-field cron expression, e.g. `0 6 1 3 *` (every 1 March, 06:00). */
    cron,
    timezone: z
      .string()
      .default('Europe/Berlin')
      .refine(validTimezone, { message: 'not an IANA time zone (e.g. Europe/Berlin)' }),
    request: reportRequestSchema,
    enabled: z.boolean().default(true),
  })
  .strict();
export type CreateScheduleInput = z.infer<typeof createScheduleSchema>;
export class CreateScheduleDto extends createZodDto(createScheduleSchema) {}

const isoInstant = z.iso.datetime({ offset: true });
/** A schedule as the API answers it (one `ReportSchedule` component: alone and in the list). */
export const scheduleViewSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    cron: z.string(),
    timezone: z.string(),
    request: z.record(z.string(), z.unknown()),
    enabled: z.boolean(),
    nextRunAt: isoInstant,
    lastRunAt: isoInstant.nullable(),
    lastReportId: z.uuid().nullable(),
    lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
    createdBy: z.string(),
    createdAt: isoInstant,
  })
  .meta({ id: 'ReportSchedule' });
export type ScheduleView = z.infer<typeof scheduleViewSchema>;
export class ScheduleViewDto extends createZodDto(scheduleViewSchema) {}
export const scheduleListSchema = z.object({ items: z.array(scheduleViewSchema), total: z.number().int() });
export class ScheduleListDto extends createZodDto(scheduleListSchema) {}

export const settingsSchema = z.object({ retentionDays: z.number().int().min(1).max(3650) }).strict();
export class SettingsDto extends createZodDto(settingsSchema) {}
export const settingsViewSchema = z.object({ retentionDays: z.number().int(), scheduleAccount: z.boolean() });
export type SettingsView = z.infer<typeof settingsViewSchema>;
export class SettingsViewDto extends createZodDto(settingsViewSchema) {}
