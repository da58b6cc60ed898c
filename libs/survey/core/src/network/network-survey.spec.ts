import {
  type NetworkIssueCode,
  type NetworkSurveyDefinition,
  buildNetworkSurveyPayload,
  networkSurveyPayloadSchema,
} from './network-survey';

const definition: NetworkSurveyDefinition = {
  surveyId: 'kooperation-2025',
  generator: {
    name: 'partner',
    prompt: { de: 'Mit welchen Organisationen haben Sie in den letzten 12 Monaten zusammengearbeitet?' },
    allowNewActors: true,
    maxAlters: 3,
  },
  interpreters: [
    {
      name: 'type',
      label: { de: 'Art der Zusammenarbeit' },
      kind: 'select_one',
      options: [
        { name: 'information', label: { de: 'Informationsaustausch' } },
        { name: 'projekt', label: { de: 'gemeinsames Projekt' } },
      ],
      required: true,
    },
    {
      name: 'frequency',
      label: { de: 'Kontakte pro Jahr' },
      kind: 'integer',
      min: 0,
      max: 365,
      required: false,
    },
  ],
};

const actors = [
  { id: 'a1', name: 'Familienzentrum Mitte e.V.', type: 'traeger' },
  { id: 'a2', name: 'Jugendclub Nord' },
  { id: 'a3', name: 'Quartiersmanagement' },
];
const context = { waveId: 'w2025', areaId: 'mitte', submittedOn: '2025-03-15', actors };

// Each refusal with its code (the public form words it) and its English message (API clients).
const issue = (path: string, code: NetworkIssueCode, message: string) => ({ path, code, message });

describe('buildNetworkSurveyPayload', () => {
  it('turns named partners into actors and directed ties with interpreter attributes', () => {
    const result = buildNetworkSurveyPayload(
      definition,
      {
        respondentActorId: 'a3',
        alters: [
          { actorId: 'a1', answers: { type: 'projekt', frequency: '12' } },
          {
            newActor: { name: '  Stadtteilbibliothek ', type: 'verwaltung' },
            answers: { type: 'information' },
          },
          { newActor: { name: 'JUGENDCLUB  nord' }, answers: { type: 'information', frequency: 4 } },
        ],
      },
      context,
    );
    expect(result).toEqual({
      ok: true,
      payload: {
        surveyId: 'kooperation-2025',
        waveId: 'w2025',
        areaId: 'mitte',
        submittedOn: '2025-03-15',
        respondent: 'actor:a3',
        actors: [
          { key: 'actor:a3', actorId: 'a3', name: 'Quartiersmanagement', isNew: false },
          {
            key: 'actor:a1',
            actorId: 'a1',
            name: 'Familienzentrum Mitte e.V.',
            type: 'traeger',
            isNew: false,
          },
          { key: 'new:stadtteilbibliothek', name: 'Stadtteilbibliothek', type: 'verwaltung', isNew: true },
          { key: 'actor:a2', actorId: 'a2', name: 'Jugendclub Nord', isNew: false },
        ],
        ties: [
          {
            source: 'actor:a3',
            target: 'actor:a1',
            directed: true,
            attributes: { type: 'projekt', frequency: 12 },
          },
          {
            source: 'actor:a3',
            target: 'new:stadtteilbibliothek',
            directed: true,
            attributes: { type: 'information' },
          },
          {
            source: 'actor:a3',
            target: 'actor:a2',
            directed: true,
            attributes: { type: 'information', frequency: 4 },
          },
        ],
      },
    });
    if (result.ok) expect(networkSurveyPayloadSchema.safeParse(result.payload).success).toBe(true);
  });

  it('rejects self-ties, unknown actors, bad answers, ambiguous partners and too many partners', () => {
    const result = buildNetworkSurveyPayload(
      definition,
      {
        respondentActorId: 'a3',
        alters: [
          { actorId: 'a3', answers: { type: 'projekt' } },
          { actorId: 'zz', answers: { type: 'projekt' } },
          { actorId: 'a1', answers: { type: 'party', frequency: 400, mood: 'gut' } },
          { actorId: 'a1', newActor: { name: 'x' }, answers: {} },
        ],
      },
      context,
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        issue('alters', 'too-many-alters', 'alters: at most 3 partners, got 4'),
        issue('alters[1]', 'self-named', 'alters[1]: an organisation cannot name itself'),
        issue('alters[2]', 'actor-unknown', 'alters[2]: unknown actor zz'),
        issue('alters[3].type', 'answer-not-option', 'alters[3].type: "party" is not an option'),
        issue(
          'alters[3].frequency',
          'answer-out-of-range',
          'alters[3].frequency: expected a whole number from 0 to 365',
        ),
        issue('alters[3].mood', 'question-unknown', 'alters[3].mood: not a question of this survey'),
        issue('alters[4]', 'alter-ambiguous', 'alters[4]: name either a listed actor or a new one'),
      ],
    });
  });

  it('refuses new actors when the survey only allows the list, and unknown respondents', () => {
    const closed = { ...definition, generator: { ...definition.generator, allowNewActors: false } };
    expect(
      buildNetworkSurveyPayload(
        closed,
        { respondentActorId: 'a1', alters: [{ newActor: { name: 'Neu' }, answers: { type: 'projekt' } }] },
        context,
      ),
    ).toEqual({
      ok: false,
      issues: [
        issue('alters[1]', 'new-actor-refused', 'alters[1]: this survey only accepts actors from the list'),
      ],
    });
    expect(buildNetworkSurveyPayload(definition, { respondentActorId: 'x', alters: [] }, context)).toEqual({
      ok: false,
      issues: [issue('respondent', 'respondent-unknown', 'respondent: unknown actor x')],
    });
    expect(
      buildNetworkSurveyPayload(
        definition,
        { respondentActorId: 'a1', alters: [{ actorId: 'a2', answers: {} }] },
        context,
      ),
    ).toEqual({
      ok: false,
      issues: [issue('alters[1].type', 'answer-required', 'alters[1].type: an answer is required')],
    });
  });
});
