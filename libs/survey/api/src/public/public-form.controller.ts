import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@quartier/auth';
import {
  ApiErrorResponses,
  ClientAddressResolver,
  RUNTIME_CONFIG,
  textResponse,
  type RuntimeConfig,
} from '@quartier/service-kit';
import { type Form, formLanguages } from '@quartier/survey-core';
import type { Request, Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { CollectionService } from '../responses/collection.service';
import { HONEYPOT_FIELD, SubmissionDto, SubmittedDto } from '../responses/submission.dto';
import { SurveyApiError } from '../survey.errors';
import { formTexts } from './form-texts';
import { formRuntimeScript } from './form-runtime-script';
import { renderFormPage, renderMessagePage } from './form-page';
import { TenantProfileStore } from '../tenants/tenant-profile.store';
import { PublicSurveyDto } from './public-form.dto';
import { PUBLIC_BASE, publicFormUrl, publicOrigin } from './public-urls';
import { PublicRateLimiter } from './rate-limiter';

export const SCRIPT_PATH = `${PUBLIC_BASE}/assets/form-runtime.js`;

const pageQuery = z.object({
  area: z.string().max(100).optional(),
  lang: z.string().max(35).optional(),
  wave: z.uuid().optional(),
});
class PageQueryDto extends createZodDto(pageQuery) {}

const qrQuery = z.object({ area: z.string().max(100).optional(), lang: z.string().max(35).optional() });
class QrQueryDto extends createZodDto(qrQuery) {}

/**
 * Everything a respondent touches, without login: the form page, its script, the QR code that
 * leads to it and the submission endpoint. Served by the survey service itself (not the portal),
 * so the page needs no Angular bundle and no OIDC round trip, and works in every deployment
 * where /api/survey/ reaches this service.
 */
@ApiTags('public form')
@ApiErrorResponses()
@Controller(PUBLIC_BASE)
@Public()
export class PublicFormController {
  private readonly addresses: ClientAddressResolver;

  constructor(
    private readonly collection: CollectionService,
    private readonly limiter: PublicRateLimiter,
    private readonly profiles: TenantProfileStore,
    @Inject(RUNTIME_CONFIG) private readonly runtime: RuntimeConfig,
  ) {
    this.addresses = new ClientAddressResolver(runtime.trustedProxies);
  }

  @Get('surveys/:id')
  @ApiOperation({ summary: 'Public definition of an open survey: form model, languages, open wave' })
  @ApiOkResponse({ type: PublicSurveyDto.Output })
  async definition(@Param('id', ParseUUIDPipe) id: string) {
    const context = await this.collection.publicContext(id);
    const wave = this.collection.currentWave(context);
    return {
      id,
      title: context.survey.title,
      type: context.survey.type,
      status: context.survey.status,
      languages: context.form ? formLanguages(context.form) : [],
      wave: wave
        ? { id: wave.id, opensOn: wave.opensOn, closesOn: wave.closesOn, invitationOnly: wave.invitationOnly }
        : null,
      form: context.form,
      network: context.survey.network
        ? {
            generator: context.survey.network.generator,
            interpreters: context.survey.network.interpreters,
            actors: context.survey.network.actors,
          }
        : null,
    };
  }

  @Post('surveys/:id/waves/:waveId/responses')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Submit one anonymous response; 422 names every failing answer. No IP address is stored, only the day; rate-limited per address in memory',
  })
  @ApiCreatedResponse({ type: SubmittedDto.Output })
  async submit(
    @Param('id') id: string,
    @Param('waveId') waveId: string,
    @Body() body: SubmissionDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    res.setHeader('Cache-Control', 'no-store');
    // Behind the bundled nginx every request comes from the proxy: the forwarded client counts,
    // but only when the proxy is one we were told to trust (TRUSTED_PROXIES).
    const decision = this.limiter.check(
      this.addresses.resolve(req.socket.remoteAddress, req.headers['x-forwarded-for']),
    );
    if (!decision.allowed) {
      res.setHeader('Retry-After', String(decision.retryAfterSeconds));
      res.status(429);
      return {
        statusCode: 429,
        code: 'TooManySubmissions',
        message: `too many submissions from this address; try again in ${decision.retryAfterSeconds} s`,
      };
    }
    const { [HONEYPOT_FIELD]: honeypot, ...input } = body;
    if (honeypot !== undefined && honeypot.trim() !== '') {
      // A bot filled the invisible field: answer as if stored, so it learns nothing, and store nothing.
      return { submittedOn: this.collection.today() };
    }
    return this.collection.submitPublic(id, waveId, input);
  }

  @Get('assets/form-runtime.js')
  @ApiOperation({
    summary: 'The form script (core expression engine + runtime), gzip, cacheable by content hash',
  })
  @ApiOkResponse(
    textResponse('text/javascript', 'The script (gzip when accepted); 304 when the ETag matches'),
  )
  async script(@Req() req: Request, @Res() res: Response) {
    const bundle = await formRuntimeScript();
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.setHeader(
      'Cache-Control',
      req.query['v'] === bundle.hash ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    );
    res.setHeader('ETag', `"${bundle.hash}"`);
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === `"${bundle.hash}"`) return res.status(304).end();
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      res.setHeader('Content-Encoding', 'gzip');
      return res.end(bundle.gzip);
    }
    return res.end(bundle.code);
  }

  @Get('f/:id')
  @ApiOperation({
    summary:
      'The accessible public form page (German default, ?lang=, ?area= preselects the area of residence)',
  })
  @ApiOkResponse(textResponse('text/html', 'The form page; 404 and 410 pages are HTML too'))
  async page(@Param('id') id: string, @Query() query: PageQueryDto, @Res() res: Response) {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    let context;
    try {
      context = await this.collection.publicContext(id);
    } catch (error) {
      if (error instanceof SurveyApiError && error.code === 'SurveyNotFound')
        return res.status(404).send(renderNotFoundPage(query.lang));
      throw error;
    }
    const languages = context.form ? formLanguages(context.form) : [];
    const language =
      query.lang && languages.includes(query.lang)
        ? query.lang
        : (context.form?.settings.defaultLanguage ?? 'de');
    const texts = formTexts(language);
    const today = this.collection.today();
    const wave = query.wave
      ? context.waves.find((w) => w.id === query.wave)
      : this.collection.currentWave(context, today);
    const network = context.survey.type === 'network' ? context.survey.network : null;
    // A network survey may consist of the name generator alone; a resident survey needs its form.
    const form: Form | null =
      context.form ??
      (network
        ? {
            settings: { formId: 'netzwerk', title: context.survey.title, defaultLanguage: 'de', extra: {} },
            children: [],
            choiceLists: [],
          }
        : null);
    const operator = await this.profiles.operatorOf(context.survey.tenantId);
    if (context.survey.status !== 'open' || !wave || today < wave.opensOn || today > wave.closesOn || !form) {
      return res.status(410).send(renderMessagePage(language, context.survey.title, texts.closed, operator));
    }
    const bundle = await formRuntimeScript();
    const areaKey = query.area && context.areaIds.has(query.area) ? query.area : undefined;
    res.send(
      renderFormPage({
        surveyId: context.survey.id,
        surveyTitle: context.survey.title,
        form,
        waveId: wave.id,
        invitationOnly: wave.invitationOnly,
        language,
        ...(areaKey ? { areaKey } : {}),
        today,
        timeZone: this.collection.timeZone,
        scriptUrl: `${SCRIPT_PATH}?v=${bundle.hash}`,
        submitUrl: `${PUBLIC_BASE}/surveys/${context.survey.id}/waves/${wave.id}/responses`,
        pagePath: `${PUBLIC_BASE}/f/${context.survey.id}`,
        operator,
        ...(network
          ? {
              network: {
                generator: network.generator,
                interpreters: network.interpreters,
                actors: network.actors,
              },
            }
          : {}),
      }),
    );
  }

  @Get('f/:id/qr.svg')
  @ApiOperation({ summary: 'QR code (SVG) of the form link, per area with ?area=' })
  @ApiOkResponse(textResponse('image/svg+xml', 'The QR code'))
  async qr(@Param('id', ParseUUIDPipe) id: string, @Query() query: QrQueryDto, @Res() res: Response) {
    const context = await this.collection.publicContext(id);
    const url = publicFormUrl(
      publicOrigin(this.runtime),
      id,
      query.area && context.areaIds.has(query.area) ? query.area : undefined,
      query.lang,
    );
    const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    const title = `${formTexts(query.lang ?? 'de').qrTitle}: ${context.survey.title}${query.area ? ` – ${context.areaNames.get(query.area) ?? query.area}` : ''}`;
    res.setHeader('Content-Type', 'image/svg+xml; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    // An accessible name for the image when it is embedded inline or opened on its own.
    // Width and height give the image an intrinsic size (an <img> of a viewBox-only SVG has none).
    res.send(
      svg
        .replace('<svg ', `<svg width="256" height="256" role="img" aria-label="${escapeAttribute(title)}" `)
        .replace(/(<svg[^>]*>)/, `$1<title>${escapeAttribute(title)}</title>`),
    );
  }
}

/**
 * The page of a form link that leads to no questionnaire, in the language the link asks for: with
 * no form there are no form languages to choose from, so German and Leichte Sprache stay as asked
 * and any other language is told in English, as a form page in it would be.
 */
function renderNotFoundPage(requested: string | undefined): string {
  const language =
    requested === 'de-x-easy' ? requested : (requested ?? 'de').split('-')[0] === 'de' ? 'de' : 'en';
  const texts = formTexts(language);
  return renderMessagePage(language, texts.notFoundTitle, texts.notFound);
}

function escapeAttribute(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string,
  );
}
