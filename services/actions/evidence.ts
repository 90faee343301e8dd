import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkFiles, fileLimitsOf } from '../files/check';
import { sendStoredFile } from '../files/download';
import { discardFiles, readFile, storeCheckedFiles } from '../files/store';
import { acceptFileForms, receiveForm } from '../files/upload';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { badRequest, notFound, unauthorized } from '../kernel/errors';
import { commandContext, commandResult, errorBody, errorResponses, typed } from '../kernel/http';
import type { SliceDeps } from '../slice';
import { type ActionState, actionDecider } from './decider';
import { type ActionEvent, actionStream } from './events';

/** The multipart field carrying an evidence file. */
export const EVIDENCE_FIELD = 'file';

const params = z.object({ actionId: z.string().uuid() });

/** The action as its stream says it, for this organisation (another organisation's is missing). */
const actionOf = async (deps: SliceDeps, organisationId: string, actionId: string) => {
  const history = await deps.store.readStream(actionStream(actionId));
  if (history.length === 0 || history[0]!.metadata.organisationId !== organisationId) {
    throw notFound('action_not_found', 'No such improvement action');
  }
  const events = history as unknown as ActionEvent[];
  const state: ActionState = events.reduce(actionDecider.evolve, actionDecider.initialState);
  const files = new Set(
    events.flatMap((event) =>
      event.type === 'ImprovementActionEvidenceAttached' ? [event.data.fileId] : [],
    ),
  );
  return { state, files };
};

/**
 * Evidence files of an action: sent one at a time as multipart, checked by content like complaint attachments,
 * stored sealed with the action's subject (erased with it), then named by an event; refused before anything is
 * stored when the action cannot take one, and removed again if the append is refused.
 */
export const actionEvidenceRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const limits = { ...fileLimitsOf(deps.config), maxFiles: 1 };
  await acceptFileForms(app);
  const api = typed(app);

  api.post(
    '/api/improvement-actions/:actionId/evidence',
    {
      schema: {
        tags: ['actions'],
        summary: `Attach an evidence file to an action (multipart/form-data, the file as "${EVIDENCE_FIELD}")`,
        params,
        response: { 201: commandResult, 413: errorBody, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'action:manage');
      const { actionId } = request.params;
      const context = commandContext(request, viewer, deps);
      const { state } = await actionOf(deps, viewer.organisationId, actionId);
      const form = await receiveForm(request, limits);
      const file = form.files.find((candidate) => candidate.field === EVIDENCE_FIELD);
      if (!file || form.files.length !== 1) {
        throw badRequest('evidence_file_missing', `Send one file as "${EVIDENCE_FIELD}"`);
      }
      const [checked] = checkFiles([file], limits);
      const attach = (fileId: string) => ({
        type: 'AttachEvidence' as const,
        fileId,
        fileName: checked!.name,
        contentType: checked!.mediaType,
        size: checked!.bytes.length,
      });
      // The action's rules first, so a refused file is never stored.
      actionDecider.decide(attach('00000000-0000-0000-0000-000000000000'), state);
      const [stored] = await storeCheckedFiles(
        { db: deps.db, vault: deps.vault },
        { organisationId: viewer.organisationId, subject: state.subject },
        [checked!],
      );
      try {
        const result = await runCommand(
          context,
          actionDecider,
          actionStream(actionId),
          attach(stored!.fileId),
        );
        return reply
          .code(201)
          .send({ id: stored!.fileId, revision: result.revision, position: result.position });
      } catch (error) {
        await discardFiles(deps.db, viewer.organisationId, [stored!.fileId]);
        throw error;
      }
    },
  );

  api.get(
    '/api/improvement-actions/:actionId/evidence/:fileId',
    {
      schema: {
        tags: ['actions'],
        summary:
          'Download an evidence file of an action (any member, auditors included; sent as an attachment)',
        params: params.extend({ fileId: z.string().uuid() }),
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const viewer = request.viewer;
      if (!viewer) throw unauthorized();
      const { actionId, fileId } = request.params;
      const { state, files } = await actionOf(deps, viewer.organisationId, actionId);
      if (!files.has(fileId)) throw notFound('file_not_found', 'No such file on this action');
      const file = await readFile(
        { db: deps.db, vault: deps.vault },
        viewer.organisationId,
        fileId,
        state.subject,
      );
      return sendStoredFile(reply, file);
    },
  );
};
