/**
 * Operations: liveness and readiness for load balancers, and the Prometheus metrics.
 */
import { z } from 'zod';
import { fileResponse } from './common';

/** Answer of `GET /healthz`: the process is up. */
export const HealthSchema = z.object({ status: z.literal('ok') });
/** Answer of `GET /readyz`: the database takes writes and migrations are current. */
export const ReadinessSchema = z.object({ status: z.literal('ready'), database: z.enum(['sqlite', 'postgres']) });
/** Answer of `GET /metrics`: Prometheus' text exposition format. */
export const MetricsResponse = fileResponse('text/plain', 'Prometheus metrics (text exposition format 0.0.4)');
