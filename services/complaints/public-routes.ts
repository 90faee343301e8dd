import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { acceptFileForms } from '../files/upload';
import { requirePermission } from '../kernel/auth';
import { type CommandContext, runCommand } from '../kernel/command';
import { AppError, isAppError, notFound } from '../kernel/errors';
import { commandContext, commandResult, errorBody, errorResponses, typed } from '../kernel/http';
import { derivedId } from '../kernel/ids';
import { createKeyLimiter, limitByKey } from '../kernel/key-limiter';
import { parisDate } from '../kernel/paris-time';
import { optionalText } from '../kernel/validation';
import { defaultPrivacyNotice } from '../organisation/privacy-notice';
import { type OrganisationPublicProfile, publicOrganisationBody } from '../read-ports';
import type { SliceDeps } from '../slice';
import { complaintFileLimits, complaintForm, filesOf, receiveComplaint } from './attachments';
import { ACCEPTED_ATTACHMENT_TYPES } from './decider';
import { intakeFields } from './intake-fields';
import {
  COMPLAINT_PAGE_ADDRESS,
  COMPLAINT_PAGE_KEY_PURPOSE,
  complaintPageAddress,
  complaintPageAddressHash,
  complaintPageDecider,
  complaintPagePath,
  complaintPageStream,
} from './public-page';

const addressParams = z.object({ address: z.string().max(40) });

const pageNotFound = () =>
  notFound('complaint_page_not_found', 'No complaint page has this address; ask the organisation for it');

/** The public form's fields: who, about what (in their words), what; the submission id makes a retry the same. */
const publicIntake = z
  .object({ ...intakeFields, submissionId: z.string().uuid(), about: optionalText(300) })
  .omit({ site: true });

/**
 * The organisation's public complaint page (`/r/<address>`): what it shows, and the complaint it takes with its
 * files; and, for administrators, the page's address (issued on first use, regenerated on demand).
 */
export const complaintPageRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const { reads, config } = deps;
  const key = deps.vault.derivedKey(COMPLAINT_PAGE_KEY_PURPOSE);
  const limits = complaintFileLimits(config);

  typed(app).post(
    '/api/complaint-page/address',
    {
      schema: {
        tags: ['complaints'],
        summary:
          'Give the public complaint page its address, or a new one (the previous address then says the page moved)',
        response: {
          200: commandResult.extend({ generation: z.number(), path: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'organisation:manage');
      const { organisationId } = viewer;
      const result = await runCommand(
        commandContext(request, viewer, deps),
        complaintPageDecider,
        complaintPageStream(organisationId),
        {
          type: 'IssueComplaintPageAddress',
          organisationId,
          nextAddressHash: (generation) =>
            complaintPageAddressHash(complaintPageAddress(key, organisationId, generation)),
        },
      );
      const generation = result.revision + 1;
      // The page is found through the read model: answer once the new address works (bounded wait).
      await deps.waitForPosition(result.position);
      return {
        id: organisationId,
        revision: result.revision,
        position: result.position,
        generation,
        path: complaintPagePath(complaintPageAddress(key, organisationId, generation)),
      };
    },
  );

  /** The organisation as the page presents it; before its profile reaches the read model, the default notice. */
  const organisationOf = async (organisationId: string): Promise<OrganisationPublicProfile> =>
    (await reads.organisationPublicProfile(organisationId)) ?? {
      name: 'Organisme de formation',
      legalName: null,
      logoUrl: null,
      contactEmail: null,
      privacyNotice: { ...defaultPrivacyNotice('Organisme de formation', null), isDefault: true },
    };

  /** The page an address names; an earlier address answers 410 naming the organisation, any other 404. */
  const resolve = async (address: string) => {
    if (!COMPLAINT_PAGE_ADDRESS.test(address)) throw pageNotFound();
    const page = await reads.complaintPage(complaintPageAddressHash(address));
    if (!page) throw pageNotFound();
    const organisation = await organisationOf(page.organisationId);
    if (page.replaced) {
      throw new AppError(
        410,
        'complaint_page_moved',
        'This complaint page has a new address; ask the organisation for it',
        { organisation, organisationName: organisation.name },
      );
    }
    return { ...page, organisation };
  };

  // Limited per address like the public forms, and per page whatever the address: one page cannot be flooded
  // from many addresses, nor many pages from one. Checked on arrival, before any file is read.
  const pageOf = (request: FastifyRequest) => String((request.params as { address?: unknown }).address ?? '');
  const publicLimits = {
    config: { rateLimit: { max: config.PUBLIC_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
    onRequest: limitByKey(
      createKeyLimiter({ max: config.PUBLIC_LINK_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 }),
      pageOf,
    ),
  };

  typed(app).get(
    '/api/public/complaints/:address',
    {
      ...publicLimits,
      schema: {
        tags: ['public'],
        summary:
          'What the public complaint page shows: the organisation, the limits of attachments, the deadline',
        params: addressParams,
        response: {
          200: z.object({
            organisation: publicOrganisationBody,
            acknowledgeWithinWorkingDays: z.number(),
            attachments: z.object({
              maxFiles: z.number(),
              maxBytes: z.number(),
              mediaTypes: z.array(z.string()),
            }),
          }),
          404: errorBody,
          410: errorBody,
          429: errorBody,
        },
      },
    },
    async (request) => {
      const page = await resolve(request.params.address);
      return {
        organisation: page.organisation,
        acknowledgeWithinWorkingDays: page.acknowledgeWithinWorkingDays,
        attachments: {
          maxFiles: limits.maxFiles,
          maxBytes: limits.maxBytes,
          mediaTypes: [...ACCEPTED_ATTACHMENT_TYPES],
        },
      };
    },
  );

  await app.register(async (forms) => {
    await acceptFileForms(forms);
    typed(forms).post(
      '/api/public/complaints/:address',
      {
        ...publicLimits,
        preValidation: complaintForm(limits),
        bodyLimit: 64 * 1024,
        schema: {
          tags: ['public'],
          summary:
            'File a complaint (multipart/form-data: the JSON in `complaint`, the files in `attachments`; safe to retry with the same submissionId)',
          params: addressParams,
          body: publicIntake,
          response: {
            201: z.object({
              id: z.string(),
              reference: z.string().nullable(),
              receivedOn: z.string(),
              acknowledgeWithinWorkingDays: z.number(),
            }),
            400: errorBody,
            404: errorBody,
            409: errorBody,
            410: errorBody,
            413: errorBody,
            429: errorBody,
          },
        },
      },
      async (request, reply) => {
        const page = await resolve(request.params.address);
        const { organisationId } = page;
        const body = request.body;
        const complaintId = derivedId(organisationId, 'public-complaint', body.submissionId);
        const today = parisDate(deps.clock.now());
        const context: CommandContext = {
          store: deps.store,
          clock: deps.clock,
          organisationId,
          actor: { type: 'public' },
          correlationId: request.id,
          idempotencyKey: body.submissionId,
        };
        const result = await receiveComplaint(deps, context, {
          complaintId,
          today,
          files: filesOf(request),
          limits,
          intake: {
            channel: 'web_form',
            group: body.group,
            anonymous: body.anonymous,
            name: body.name,
            email: body.email,
            phone: body.phone,
            postalAddress: null,
            about: {
              trainingActionId: null,
              trainingTitle: null,
              sessionId: null,
              sessionTitle: null,
              site: null,
            },
            receivedOn: today,
            // What it is about, in the complainant's words, is sealed with the complaint's text.
            text: body.about ? `Objet : ${body.about}\n\n${body.text}` : body.text,
            ownerId: null,
          },
        }).catch((error: unknown) => {
          // A refusal names the organisation, so the page can say whom to ask.
          if (isAppError(error)) {
            throw new AppError(error.status, error.code, error.message, {
              ...error.details,
              organisationName: page.organisation.name,
            });
          }
          throw error;
        });
        const received = result.events[0] as { data: { receivedOn: string } } | undefined;
        // The reference is the register's: wait (bounded) for it, the confirmation shows it.
        const reached = await deps.waitForPosition(result.position);
        const reference = reached ? await reads.complaintReference(organisationId, complaintId) : undefined;
        return reply.code(201).send({
          id: complaintId,
          reference: reference ?? null,
          receivedOn: received?.data.receivedOn ?? today,
          acknowledgeWithinWorkingDays: page.acknowledgeWithinWorkingDays,
        });
      },
    );
  });
};
