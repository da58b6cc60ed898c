import type { ServiceTestApp } from '@quartier/service-kit';
import type { Browser } from 'playwright-core';
import { seriousViolations } from './testing/axe';
import { HAS_CHROMIUM, launchChromium, openPublicForm } from './testing/browser';
import { day, startSurveyTestApp, TEST_DAY } from './testing/survey-test-app';

jest.setTimeout(90_000);

const NETWORK = {
  generator: {
    name: 'partner',
    prompt: {
      de: 'Mit welchen Organisationen haben Sie in den letzten 12 Monaten zusammengearbeitet?',
      en: 'Which organisations did you work with in the last 12 months?',
    },
    allowNewActors: true,
    maxAlters: 5,
  },
  interpreters: [
    {
      name: 'art',
      label: { de: 'Art der Zusammenarbeit' },
      kind: 'select_one',
      options: [
        { name: 'info', label: { de: 'Informationsaustausch' } },
        { name: 'projekt', label: { de: 'Gemeinsames Projekt' } },
      ],
      required: true,
    },
    {
      name: 'haeufigkeit',
      label: { de: 'Wie oft?' },
      kind: 'select_one',
      options: [
        { name: 'selten', label: { de: 'selten' } },
        { name: 'monatlich', label: { de: 'monatlich' } },
        { name: 'woechentlich', label: { de: 'wöchentlich' } },
      ],
      required: true,
    },
    {
      name: 'qualitaet',
      label: { de: 'Wie gut klappt die Zusammenarbeit (1 = schlecht, 5 = sehr gut)?' },
      kind: 'integer',
      min: 1,
      max: 5,
      required: false,
    },
  ],
  actors: [
    { id: 'a1', name: 'Stadtteilzentrum Moabit', type: 'civil-society' },
    { id: 'a2', name: 'Jugendamt Mitte', type: 'public-administration' },
    { id: 'a3', name: 'Quartiersmanagement Soldiner Straße' },
  ],
};

describe('network survey public form (real PostgreSQL, real OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;
  let surveyId: string;
  let waveId: string;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  const submit = (network: unknown) =>
    call('POST', `/api/survey/public/surveys/${surveyId}/waves/${waveId}/responses`, undefined, {
      answers: {},
      network,
    });
  /** The network responses of this test's survey, as the outbox holds them. */
  const payloads = async (): Promise<ReturnType<typeof JSON.parse>[]> =>
    (
      await t.db.query(
        `SELECT envelope FROM outbox WHERE type = 'survey.network-response.submitted' AND envelope->'payload'->>'surveyId' = $1`,
        [surveyId],
      )
    ).map((r: { envelope: { payload: unknown } }) => r.envelope.payload);

  beforeAll(async () => {
    ({ t, ids } = await startSurveyTestApp());
  });
  afterAll(() => t.close());

  // Each test answers its own open network survey: what one submits is not another's to count.
  beforeEach(async () => {
    const created = await call('POST', '/api/survey/surveys', 'planer', {
      title: 'Akteursnetzwerk Mitte',
      type: 'network',
      scopeAreaId: ids['01'],
    });
    surveyId = created.body.id;
    expect(
      (await call('PATCH', `/api/survey/surveys/${surveyId}`, 'planer', { network: NETWORK })).status,
    ).toBe(200);
    const wave = await call('POST', `/api/survey/surveys/${surveyId}/waves`, 'planer', {
      name: '2025',
      opensOn: day(-1),
      closesOn: day(10),
    });
    waveId = wave.body.id;
    expect(
      (await call('POST', `/api/survey/surveys/${surveyId}/status`, 'planer', { status: 'open' })).status,
    ).toBe(200);
  });

  it('serves the name generator as a public page: respondent, partners from the list or new, interpreters per partner', async () => {
    const page = await call('GET', `/api/survey/public/f/${surveyId}`);
    expect(page.status).toBe(200);
    const html = page.body as string;
    expect(html).toContain(
      '<label for="f-n-respondent">Für welche Organisation antworten Sie? <span class="req" aria-hidden="true">*</span></label>',
    );
    expect(html).toContain(
      '<legend>Mit welchen Organisationen haben Sie in den letzten 12 Monaten zusammengearbeitet?</legend>',
    );
    expect(html).toContain('Nennen Sie bis zu 5 Organisationen');
    expect(html).toContain(
      '<option value="__new">Andere Organisation (nicht in der Liste)</option><option value="a1">Stadtteilzentrum Moabit</option>',
    );
    expect(html).toContain(
      '<fieldset aria-describedby="e-n-a__k__-art"><legend>Art der Zusammenarbeit <span class="req" aria-hidden="true">*</span></legend>',
    );
    expect(html).toContain(
      '<label for="f-n-a__k__-qualitaet">Wie gut klappt die Zusammenarbeit (1 = schlecht, 5 = sehr gut)? <span class="opt-marker">(freiwillig)</span></label><p class="hint" id="h-n-a__k__-qualitaet">1–5</p>',
    );
    expect(html).toContain(
      '<button type="button" class="secondary" id="n-add-alter">Organisation hinzufügen</button>',
    );
    const english = (await call('GET', `/api/survey/public/f/${surveyId}?lang=en`)).body as string;
    expect(english).toContain('<legend>Mit welchen Organisationen');
  });

  it('emits survey.network-response.submitted with actors and ties for a submission through the public endpoint', async () => {
    const ok = await submit({
      respondentActorId: 'a1',
      alters: [
        { actorId: 'a2', answers: { art: 'projekt', haeufigkeit: 'woechentlich', qualitaet: 4 } },
        { newActor: { name: 'Kiezladen e.V.' }, answers: { art: 'info', haeufigkeit: 'selten' } },
      ],
    });
    expect(ok.status).toBe(201);
    const [payload] = await payloads();
    expect(payload).toEqual({
      tenantId: 'berlin-demo',
      surveyId,
      waveId,
      submittedOn: TEST_DAY,
      respondent: 'actor:a1',
      actors: [
        {
          key: 'actor:a1',
          actorId: 'a1',
          name: 'Stadtteilzentrum Moabit',
          type: 'civil-society',
          isNew: false,
        },
        {
          key: 'actor:a2',
          actorId: 'a2',
          name: 'Jugendamt Mitte',
          type: 'public-administration',
          isNew: false,
        },
        { key: 'new:kiezladen e v', name: 'Kiezladen e.V.', isNew: true },
      ],
      ties: [
        {
          source: 'actor:a1',
          target: 'actor:a2',
          directed: true,
          attributes: { art: 'projekt', haeufigkeit: 'woechentlich', qualitaet: 4 },
        },
        {
          source: 'actor:a1',
          target: 'new:kiezladen e v',
          directed: true,
          attributes: { art: 'info', haeufigkeit: 'selten' },
        },
      ],
    });
  });

  it('answers 422 naming the partner and question for invalid alter answers, and stores nothing', async () => {
    const cases: [unknown, string][] = [
      [
        {
          respondentActorId: 'a1',
          alters: [{ actorId: 'a2', answers: { art: 'projekt', haeufigkeit: 'woechentlich', qualitaet: 9 } }],
        },
        'network: alters[1].qualitaet: expected a whole number from 1 to 5',
      ],
      [
        {
          respondentActorId: 'a1',
          alters: [{ actorId: 'a2', answers: { art: 'kaffee', haeufigkeit: 'selten' } }],
        },
        'network: alters[1].art: "kaffee" is not an option',
      ],
      [
        { respondentActorId: 'a1', alters: [{ actorId: 'a3', answers: { art: 'info' } }] },
        'network: alters[1].haeufigkeit: an answer is required',
      ],
      [
        {
          respondentActorId: 'a1',
          alters: [{ actorId: 'a1', answers: { art: 'info', haeufigkeit: 'selten' } }],
        },
        'network: alters[1]: an organisation cannot name itself',
      ],
      [
        {
          respondentActorId: 'a1',
          alters: [
            { actorId: 'a2', answers: { art: 'info', haeufigkeit: 'selten' } },
            { newActor: { name: 'jugendamt  MITTE' }, answers: { art: 'info', haeufigkeit: 'selten' } },
          ],
        },
        'network: alters[2]: Jugendamt Mitte is named twice',
      ],
      [{ respondentActorId: 'a9', alters: [] }, 'network: respondent: unknown actor a9'],
    ];
    for (const [network, message] of cases) {
      const res = await submit(network);
      expect(res.status).toBe(422);
      expect(res.body.message).toBe(message);
    }
    const tooMany = await submit({
      respondentActorId: 'a1',
      alters: Array.from({ length: 6 }, (_, i) => ({
        newActor: { name: `Verein ${i}` },
        answers: { art: 'info', haeufigkeit: 'selten' },
      })),
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.details.issues[0]).toMatchObject({
      path: 'network.alters',
      message: 'alters: at most 5 partners, got 6',
      // The code the public form words it by (the message is English).
      cause: { code: 'network-invalid', params: { code: 'too-many-alters' } },
    });
    expect(await payloads()).toHaveLength(0);
  });

  it('refuses a paper import up front: a sheet has no columns for the name generator', async () => {
    const before = (await payloads()).length;
    const res = await call(
      'POST',
      `/api/survey/surveys/${surveyId}/waves/${waveId}/response-imports`,
      'planer',
      'respondent\na1\n',
      'text/csv',
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('PaperImportUnsupported');
    expect(await payloads()).toHaveLength(before);
  });

  /** The public form answered for Quartiersmanagement Soldiner Straße (a3), one partner added. */
  async function answeringForSoldinerStrasse(browser: Browser) {
    const opened = await openPublicForm(browser, t.url, surveyId);
    await opened.page.getByLabel('Für welche Organisation antworten Sie?').selectOption('a3');
    await opened.page.getByRole('button', { name: 'Organisation hinzufügen' }).click();
    return opened;
  }

  (HAS_CHROMIUM ? it : it.skip)(
    'words the server’s refusal of a partner in the page’s language on the partner’s field, not in English',
    async () => {
      const browser = await launchChromium();
      try {
        const { page, errors } = await answeringForSoldinerStrasse(browser);
        const partner = page.getByRole('group', { name: 'Organisation 1' });
        // An organisation removed from the actor list while the page was open (as the page still offers it).
        await page
          .locator('#f-n-a1-actor')
          .evaluate((select) => select.append(new Option('Verein Alt-Moabit', 'a9')));
        await partner.getByLabel('Organisation aus der Liste').selectOption('a9');
        await partner
          .getByRole('group', { name: 'Art der Zusammenarbeit' })
          .getByLabel('Informationsaustausch')
          .check();
        await partner.getByRole('group', { name: 'Wie oft?' }).getByLabel('selten').check();
        const responded = page.waitForResponse((r) => r.request().method() === 'POST');
        await page.getByRole('button', { name: 'Antworten absenden' }).click();
        expect((await responded).status()).toBe(422);
        await page.locator('#q-summary:not([hidden])').waitFor();
        expect(await page.locator('#e-n-a1-actor').textContent()).toBe(
          'Diese Organisation steht nicht mehr in der Liste – sie wurde wohl geändert, während Sie geantwortet haben. Bitte laden Sie die Seite neu und wählen Sie erneut.',
        );
        expect(await page.locator('#q-summary-list').innerText()).not.toMatch(/unknown actor/);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );

  (HAS_CHROMIUM ? it : it.skip)(
    'is answered in a real browser by keyboard-reachable controls; missing answers are announced on their fields',
    async () => {
      const browser = await launchChromium();
      try {
        const { page, errors } = await answeringForSoldinerStrasse(browser);
        await page
          .getByRole('group', { name: 'Organisation 1' })
          .getByLabel('Organisation aus der Liste')
          .selectOption('a2');
        await page.getByRole('button', { name: 'Organisation hinzufügen' }).click();
        const second = page.getByRole('group', { name: 'Organisation 2' });
        await second.getByLabel('Organisation aus der Liste').selectOption('__new');
        await second.getByLabel('Name der Organisation').fill('Nachbarschaftsgarten Wedding');
        await second
          .getByRole('group', { name: 'Art der Zusammenarbeit' })
          .getByLabel('Gemeinsames Projekt')
          .check();
        await second.getByRole('group', { name: 'Wie oft?' }).getByLabel('monatlich').check();
        await second.getByLabel(/Wie gut klappt/).fill('5');
        await page.getByRole('button', { name: 'Antworten absenden' }).click();
        // Partner 1 lacks its required answers: the summary lists them and the field is marked.
        await page.locator('#q-summary:not([hidden])').waitFor();
        expect(await page.locator('#q-summary-list li').count()).toBe(2);
        expect(await page.locator('#e-n-a1-art').textContent()).not.toBe('');
        expect(await page.locator('#f-n-a1-art-0').getAttribute('aria-invalid')).toBe('true');
        const first = page.getByRole('group', { name: 'Organisation 1' });
        await first
          .getByRole('group', { name: 'Art der Zusammenarbeit' })
          .getByLabel('Informationsaustausch')
          .check();
        await first.getByRole('group', { name: 'Wie oft?' }).getByLabel('selten').check();
        // Removing and re-adding keeps the numbering and the names of the remove buttons in order.
        await page.getByRole('button', { name: 'Organisation hinzufügen' }).click();
        await page.getByRole('button', { name: 'Organisation 3 entfernen' }).click();
        expect(
          await page.getByRole('button', { name: /^Organisation \d entfernen$/ }).allTextContents(),
        ).toEqual(['Organisation 1 entfernen', 'Organisation 2 entfernen']);
        // With errors shown and partners/points filled: no serious or critical axe-core violation.
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByRole('button', { name: 'Antworten absenden' }).click();
        await page.getByRole('heading', { name: 'Vielen Dank!' }).waitFor();
        expect(errors).toEqual([]);
        const last = (await payloads()).find((p) => p.respondent === 'actor:a3');
        expect(last.ties).toEqual([
          {
            source: 'actor:a3',
            target: 'actor:a2',
            directed: true,
            attributes: { art: 'info', haeufigkeit: 'selten' },
          },
          {
            source: 'actor:a3',
            target: 'new:nachbarschaftsgarten wedding',
            directed: true,
            attributes: { art: 'projekt', haeufigkeit: 'monatlich', qualitaet: 5 },
          },
        ]);
      } finally {
        await browser.close();
      }
    },
  );
});
