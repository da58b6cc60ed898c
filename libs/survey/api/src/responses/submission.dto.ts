import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { spreadsheetProblemsSchema } from '../spreadsheet-problems.dto';
import { IMPORT_ISSUE_CODES } from './response-issue-codes';

/** The honeypot: a field people never see (hidden from sight and assistive technology) but form-filling bots do. */
export const HONEYPOT_FIELD = 'website';

export const submissionSchema = z
  .object({
    /** Answers by question name; repeats as lists of objects, select_multiple as lists or space-separated. */
    answers: z.record(z.string(), z.unknown()).default({}),
    /** Language the respondent used (constraint messages come back in it). */
    language: z.string().min(2).max(35).optional(),
    invitationCode: z.string().trim().min(4).max(40).optional(),
    [HONEYPOT_FIELD]: z.string().max(2000).optional(),
    network: z
      .object({
        respondentActorId: z.string().min(1).max(100),
        alters: z
          .array(
            z.object({
              actorId: z.string().min(1).max(100).optional(),
              newActor: z
                .object({ name: z.string().max(300), type: z.string().min(1).max(100).optional() })
                .optional(),
              answers: z.record(z.string(), z.union([z.string().max(200), z.number()])).default({}),
            }),
          )
          .max(500),
      })
      .optional(),
  })
  .strict();
export class SubmissionDto extends createZodDto(submissionSchema) {}

// Response schemas (docs/adr/0007-generated-portal-clients.md); survey-answers.dto.ts proves the
// services answer what these document.

/** Only the day is kept, never the time (respondent privacy). */
export const submittedSchema = z.object({ submittedOn: z.iso.date() });
export class SubmittedDto extends createZodDto(submittedSchema) {}

/** A paper import stores every row or none. */
export const importedSchema = z.object({ imported: z.number().int() });
export class ImportedDto extends createZodDto(importedSchema) {}

/**
 * The 422 of a paper import (InvalidImport, nothing stored): every bad cell, row or header, up
 * to 500, located as the spreadsheet shows it.
 */
export const responseImportProblemsSchema = spreadsheetProblemsSchema({ codes: IMPORT_ISSUE_CODES });
export class ResponseImportProblemsDto extends createZodDto(responseImportProblemsSchema) {}
