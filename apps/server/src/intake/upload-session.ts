/**
 * A citizen's upload session: the first public upload sets an HttpOnly cookie holding a random
 * token, every upload of that browser is stored with the token's hash as its uploader, and a
 * submission may attach only uploads of the session it brings. So a file's id alone — seen in a
 * link, a log or a console page — never lets anyone else attach (and then download) it.
 * The cookie is scoped to the public API and SameSite=Strict; the citizen page sends it by itself.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AttachmentOwner } from '@lianxin/storage';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context';

/** Name of the upload session cookie. */
export const UPLOAD_COOKIE = 'lx_upload';

/** As long as unlinked uploads are kept (the orphan sweep removes older ones). */
const MAX_AGE_SECONDS = 2 * 86_400;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function ownerOf(token: string): AttachmentOwner {
  return { kind: 'citizen', id: `upload:${createHash('sha256').update(token).digest('base64url')}` };
}

/** The upload session the request brings, or null. */
export function uploadSession(request: FastifyRequest): AttachmentOwner | null {
  const token = request.cookies[UPLOAD_COOKIE];
  return token && TOKEN.test(token) ? ownerOf(token) : null;
}

/** The request's upload session, started (cookie set) when it has none; its expiry is renewed. */
export function ensureUploadSession(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): AttachmentOwner {
  const current = request.cookies[UPLOAD_COOKIE];
  const token = current && TOKEN.test(current) ? current : randomBytes(32).toString('base64url');
  reply.setCookie(UPLOAD_COOKIE, token, {
    path: '/api/v1/public',
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.cookieSecure,
    maxAge: MAX_AGE_SECONDS,
  });
  return ownerOf(token);
}
