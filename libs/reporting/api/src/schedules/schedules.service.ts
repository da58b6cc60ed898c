import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import { Clock, RUNTIME_CONFIG, type RuntimeConfig } from '@quartier/service-kit';
import { randomUUID } from 'node:crypto';
import { DEFAULT_SERVICE_URL_TEMPLATE } from '../reporting.constants';
import { ReportingServiceError } from '../reporting.errors';
import { ReportRepository } from '../reports/report.repository';
import { ReportSubjects } from '../reports/report-subjects';
import { ReportsService } from '../reports/reports.service';
import { signInScheduleAccount } from './schedule-account';
import { asReportRequest } from '../reports/report.dto';
import { firstRunOf, nextRun, type CreateScheduleInput, type ScheduleView } from './schedule.dto';
import { ScheduleRepository, toScheduleView, type ScheduleRow } from './schedule.repository';

/** How often each replica looks for due schedules and expired reports. */
const TICK_MS = 30_000;

/**
 * Scheduled report definitions (a report request with a cron expression, e.g. every 1 March)
 * and the ticker that runs them when due — claimed across replicas with SKIP LOCKED — and
 * removes reports past their retention.
 */
@Injectable()
export class SchedulesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulesService.name);
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;

  constructor(
    private readonly schedules: ScheduleRepository,
    private readonly reportRows: ReportRepository,
    private readonly reports: ReportsService,
    private readonly subjects: ReportSubjects,
    private readonly clock: Clock,
    @Inject(RUNTIME_CONFIG) private readonly runtime: RuntimeConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  hasAccount(tenantId: string): boolean {
    return this.runtime.reportScheduleAccounts?.[tenantId] !== undefined;
  }

  async create(caller: Caller, input: CreateScheduleInput): Promise<ScheduleView> {
    if (!this.hasAccount(caller.tenantId))
      throw new ReportingServiceError(
        'NoScheduleAccount',
        `no schedule account is configured for tenant ${caller.tenantId} (REPORT_SCHEDULE_ACCOUNTS)`,
      );
    const request = asReportRequest(input.request);
    await this.subjects.checkAreas(caller.access, caller.tenantId, request);
    const now = this.clock.now();
    const { timezone, nextRunAt } = firstRunOf(input, now, this.clock.timeZone);
    const row = {
      id: randomUUID(),
      tenantId: caller.tenantId,
      name: input.name,
      cron: input.cron,
      timezone,
      request,
      enabled: input.enabled,
      nextRunAt,
      createdBy: caller.subject,
      createdAt: now,
    };
    await this.schedules.insert(row);
    return this.get(caller, row.id);
  }

  async list(caller: Caller) {
    const rows = await this.schedules.list(caller.tenantId);
    return { items: rows.map(toScheduleView), total: rows.length };
  }

  async get(caller: Caller, id: string): Promise<ScheduleView> {
    return toScheduleView(await this.load(caller.tenantId, id));
  }

  async remove(caller: Caller, id: string): Promise<void> {
    if (!(await this.schedules.delete(caller.tenantId, id)))
      throw new ReportingServiceError('ScheduleNotFound', `schedule ${id} not found`);
  }

  /** Runs a schedule now (administrators; its regular runs stay as they are). */
  async runNow(caller: Caller, id: string): Promise<ScheduleView> {
    const row = await this.load(caller.tenantId, id);
    await this.run(row);
    return this.get(caller, id);
  }

  private async load(tenantId: string, id: string): Promise<ScheduleRow> {
    const row = await this.schedules.find(tenantId, id);
    if (!row) throw new ReportingServiceError('ScheduleNotFound', `schedule ${id} not found`);
    return row;
  }

  /** One run: sign the schedule account in, gather, pin and queue; the outcome is recorded. */
  async run(row: ScheduleRow): Promise<void> {
    const now = this.clock.now();
    try {
      const account = this.runtime.reportScheduleAccounts?.[row.tenantId];
      if (!account)
        throw new ReportingServiceError(
          'NoScheduleAccount',
          `no schedule account is configured for tenant ${row.tenantId}`,
        );
      const template = this.runtime.serviceUrlTemplate ?? DEFAULT_SERVICE_URL_TEMPLATE;
      const { caller, auth } = await signInScheduleAccount(
        account,
        row.tenantId,
        this.runtime.oidcIssuer,
        template,
      );
      const accepted = await this.reports.request(caller, auth, row.request, {
        scheduleId: row.id,
        visibility: 'tenant',
      });
      await this.schedules.recordRun(row.id, { reportId: accepted.id }, now);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const report = {
        code: typeof code === 'string' ? code : 'ScheduleRunFailed',
        message: error instanceof Error ? error.message : String(error),
      };
      this.logger.warn(`schedule ${row.id} (${row.name}) failed: ${report.message}`);
      await this.schedules.recordRun(row.id, { error: report }, now);
    }
  }

  /** Due schedules and expired reports; one tick at a time per process. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = this.clock.now();
      const removed = await this.reportRows.deleteExpired(now);
      if (removed > 0) this.logger.log(`${removed} report(s) past their retention removed`);
      const due = await this.schedules.claimDue(now, (row) => nextRun(row.cron, row.timezone, now));
      for (const row of due) await this.run(row);
    } catch (error) {
      this.logger.warn(`schedule tick failed: ${(error as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }
}
