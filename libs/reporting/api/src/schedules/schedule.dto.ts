import { isTimeZone, pageOf } from '@quartier/service-kit';
import { CronExpressionParser } from 'cron-parser';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { reportRequestSchema } from '../reports/report.dto';

/** The next time a cron expression fires after `after`, in its time zone. */
export function nextRun(cron: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timezone }).next().toDate();
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
    /**
     * The zone the cron expression's times are in. Absent: the platform's (QUARTIER_TIME_ZONE),
     * which the service fills in — the schema cannot know it, and a fixed default would put a
     * city elsewhere on Berlin's clock.
     */
    timezone: z
      .string()
      .refine(isTimeZone, { message: 'not an IANA time zone (e.g. Europe/Berlin)' })
      .optional()
      .describe("IANA time zone of the cron expression; absent: the platform's (QUARTIER_TIME_ZONE)"),
    request: reportRequestSchema,
    enabled: z.boolean().default(true),
  })
  .strict();
export type CreateScheduleInput = z.infer<typeof createScheduleSchema>;

/**
 * When a new schedule runs: in the zone it names, else in the platform's (`QUARTIER_TIME_ZONE`,
 * the service clock's) — the server decides, as the request schema cannot know the setting.
 */
export function firstRunOf(
  input: Pick<CreateScheduleInput, 'cron' | 'timezone'>,
  now: Date,
  platformZone: string,
): { timezone: string; nextRunAt: Date } {
  const timezone = input.timezone ?? platformZone;
  return { timezone, nextRunAt: nextRun(input.cron, timezone, now) };
}
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
export const scheduleListSchema = pageOf(scheduleViewSchema);
export class ScheduleListDto extends createZodDto(scheduleListSchema) {}

export const settingsSchema = z.object({ retentionDays: z.number().int().min(1).max(3650) }).strict();
export class SettingsDto extends createZodDto(settingsSchema) {}
export const settingsViewSchema = z.object({ retentionDays: z.number().int(), scheduleAccount: z.boolean() });
export type SettingsView = z.infer<typeof settingsViewSchema>;
export class SettingsViewDto extends createZodDto(settingsViewSchema) {}
