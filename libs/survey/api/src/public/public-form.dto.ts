import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { formSchema } from '../forms/form.schema';
import { networkConfigSchema } from '../surveys/survey.dto';

/**
 * What the public form script reads of an open survey (docs/adr/0007-generated-portal-clients.md);
 * survey-answers.dto.ts proves the controller answers exactly this.
 */
export const publicSurveySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  type: z.enum(['resident', 'network']),
  status: z.enum(['draft', 'open', 'closed']),
  /** Languages the form has labels in. */
  languages: z.array(z.string()),
  /** The wave open today; null: none. */
  wave: z
    .object({ id: z.uuid(), opensOn: z.iso.date(), closesOn: z.iso.date(), invitationOnly: z.boolean() })
    .nullable(),
  form: formSchema.nullable(),
  /** Network surveys: name generator, interpreters and the actors to choose from. */
  network: networkConfigSchema.nullable(),
});
export class PublicSurveyDto extends createZodDto(publicSurveySchema) {}
