/**
 * "码上见代表" posters (issue #3): printable SVG and PNG posters of a station's or a
 * deputy's QR code, which opens `/m/submit` with that station or deputy filled in.
 */
import { IdSchema } from '@lianxin/contracts';
import { AppError, LABELS } from '@lianxin/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { authorize } from '../auth/actor';
import { deputyLevelNames, posterPng, posterSvg, type PosterContent } from './poster.service';
import { access } from '../platform/route-kit';

const Params = z.object({ id: IdSchema, format: z.enum(['svg', 'png']) }).strict();

export const posterRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  /** Where citizens open the link: the configured public URL, else the origin of this request. */
  function origin(request: FastifyRequest): string {
    return (ctx.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
  }

  async function send(reply: FastifyReply, content: PosterContent, format: 'svg' | 'png', fileStem: string, displayName: string) {
    const svg = posterSvg(content);
    const body = format === 'svg' ? svg : await posterPng(svg);
    const ascii = `${fileStem}.${format}`;
    const utf8 = encodeURIComponent(`${displayName}-码上见代表.${format}`);
    return reply
      .type(format === 'svg' ? 'image/svg+xml; charset=utf-8' : 'image/png')
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-cache')
      .send(body);
  }

  app.get(
    '/api/v1/units/:id/poster.:format',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['org'],
        summary: 'Printable QR poster of a station (SVG or PNG)',
        description:
          'A5 poster with the station name, its address and opening hours, and a QR code of `/m/submit?unitId=<id>&via=qr` on the public URL (`via=qr` marks the submission as 扫码提交).',
        params: Params,
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const unit = await ctx.repos.units.find(request.params.id);
      if (!unit || !unit.active) throw new AppError('RESOURCE_NOT_FOUND');
      authorize(actor, 'org.view', { unitPath: unit.path });
      const details = [
        ...(unit.address ? [{ label: '地址', value: unit.address }] : []),
        ...(unit.openingHours ? [{ label: '开放时间', value: unit.openingHours }] : []),
        ...(unit.phone ? [{ label: '电话', value: unit.phone }] : []),
      ];
      const content: PosterContent = {
        name: unit.name,
        subtitle: unit.brands.length ? unit.brands.join(' · ') : LABELS.unitKind[unit.kind].zh,
        url: `${origin(request)}/m/submit?unitId=${encodeURIComponent(unit.id)}&via=qr`,
        details,
      };
      return send(reply, content, request.params.format, `poster-unit-${unit.id}`, unit.name);
    },
  );

  app.get(
    '/api/v1/deputies/:id/poster.:format',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['org'],
        summary: 'Printable QR poster of a deputy (SVG or PNG)',
        description:
          'A5 poster with the deputy’s name and levels, the home station’s address and opening hours, and a QR code of `/m/submit?deputyId=<id>&via=qr` on the public URL (`via=qr` marks the submission as 扫码提交). No private contact data.',
        params: Params,
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const deputy = await ctx.repos.deputies.find(request.params.id);
      if (!deputy || !deputy.active) throw new AppError('RESOURCE_NOT_FOUND');
      const home = deputy.homeUnitId ? await ctx.repos.units.find(deputy.homeUnitId) : undefined;
      authorize(actor, 'org.view', { unitPath: home?.path ?? null, deputyId: deputy.id });
      const details = home
        ? [
            { label: '所在联络站', value: home.name },
            ...(home.address ? [{ label: '地址', value: home.address }] : []),
            ...(home.openingHours ? [{ label: '开放时间', value: home.openingHours }] : []),
          ]
        : [];
      const content: PosterContent = {
        name: `${deputy.name} 代表`,
        subtitle: deputyLevelNames(deputy.levels) || null,
        url: `${origin(request)}/m/submit?deputyId=${encodeURIComponent(deputy.id)}&via=qr`,
        details,
      };
      return send(reply, content, request.params.format, `poster-deputy-${deputy.id}`, deputy.name);
    },
  );
};
