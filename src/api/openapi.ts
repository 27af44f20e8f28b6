import { z } from 'zod';
import { reviewInput } from '../review/input.js';
import { exportParams, feedParams, queueParams, searchParams, spikeParams, timeseriesParams } from './params.js';
import {
  articleResponse,
  errorResponse,
  healthResponse,
  searchResponse,
  sourcesResponse,
  timeseriesResponse,
} from './responses.js';

type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, Record<string, unknown>>;
  required?: string[];
};

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function queryParameters(schema: z.ZodObject) {
  const json = schemaOf(schema, 'input');
  return Object.entries(json.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name,
      in: 'query',
      required: false,
      ...(description ? { description } : {}),
      schema: rest,
      ...(rest.type === 'array' ? { style: 'form', explode: true } : {}),
    };
  });
}

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema: schemaOf(schema, 'output') } },
});
const failure = json(errorResponse, 'Invalid parameters (the message names what to change)');
const feedResponses = (description: string, more: Record<string, unknown> = {}) => ({
  200: {
    description: `${description} (ETag; 304 to a matching If-None-Match)`,
    content: {
      ...more,
      'application/atom+xml': { schema: { type: 'string' } },
      'application/rss+xml': { schema: { type: 'string' } },
    },
  },
  304: { description: 'Unchanged since the ETag given in If-None-Match' },
  400: failure,
});

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests.
 *
 * @example
 * const doc = openApiDocument('0.1.0'); doc.paths['/api/search'].get.parameters
 */
export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kuzet API',
      version,
      description:
        'Search, time series and export over monitored media for xenophobic language and migration-policy news.',
    },
    paths: {
      '/health': { get: { summary: 'Liveness and article count', responses: { 200: json(healthResponse, 'OK') } } },
      '/api/search': {
        get: {
          summary: 'Search articles',
          parameters: queryParameters(searchParams),
          responses: { 200: json(searchResponse, 'A page of results'), 400: failure },
        },
      },
      '/api/articles/{id}': {
        get: {
          summary: 'One article with classification, cluster siblings and source',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: json(articleResponse, 'The article'), 404: json(errorResponse, 'No such article') },
        },
      },
      '/api/articles/{id}/warc': {
        get: {
          summary: "The article's kept captures and its metadata as a WARC 1.1 file (gzip members)",
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: {
              description: 'WARC',
              content: { 'application/warc': { schema: { type: 'string', format: 'binary' } } },
            },
            404: json(errorResponse, 'No such article, or captures are not kept'),
          },
        },
      },
      '/api/captures/{id}': {
        get: {
          summary: 'A kept capture: requested and final URL, status, headers, fetch time, body digest',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'The capture record' }, 404: json(errorResponse, 'No such capture') },
        },
      },
      '/api/captures/{id}/body': {
        get: {
          summary: 'The body of a capture as served, as a download (never rendered)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: {
              description: 'The bytes',
              content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
            },
            404: json(errorResponse, 'No such capture, or its body was pruned'),
          },
        },
      },
      '/api/timeseries': {
        get: {
          summary: 'Counts, flagged share and mean sentiment over time',
          parameters: queryParameters(timeseriesParams),
          responses: {
            200: {
              ...json(timeseriesResponse, 'Points'),
              content: { ...json(timeseriesResponse, '').content, 'text/csv': { schema: { type: 'string' } } },
            },
            400: failure,
          },
        },
      },
      '/api/export': {
        get: {
          summary: 'Every article matching a search, streamed as CSV or NDJSON',
          parameters: queryParameters(exportParams),
          responses: {
            200: {
              description: 'The file',
              content: {
                'text/csv': { schema: { type: 'string' } },
                'application/x-ndjson': { schema: { type: 'string' } },
              },
            },
            400: failure,
          },
        },
      },
      '/api/feed': {
        get: {
          summary: 'A saved search as an Atom or RSS feed of its newest articles, with why each was flagged',
          parameters: queryParameters(feedParams),
          responses: feedResponses('The feed'),
        },
      },
      '/api/spikes': {
        get: {
          summary: 'Buckets whose flagged count stands far above the recent history of the same series',
          parameters: queryParameters(spikeParams),
          responses: feedResponses('Spikes, newest first, as JSON or as a feed', {
            'application/json': { schema: { type: 'object' } },
          }),
        },
      },
      '/api/sources': {
        get: {
          summary: 'Every source with crawl health and status, and the source files rejected at load',
          responses: { 200: json(sourcesResponse, 'Sources') },
        },
      },
      '/api/articles/{id}/reviews': {
        post: {
          summary: 'A reviewer confirms or corrects the labels, severity and target groups (reviewer or admin)',
          security: [{ bearer: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { content: { 'application/json': { schema: schemaOf(reviewInput, 'input') } } },
          responses: {
            201: { description: 'The stored review and the human verdict after it' },
            400: failure,
            401: json(errorResponse, 'No user, a bad token or an expired session'),
            403: json(errorResponse, 'Not a reviewer, or a missing CSRF token'),
            404: json(errorResponse, 'No such article'),
            413: json(errorResponse, 'Body over 16 KB'),
          },
        },
      },
      '/api/review/queue': {
        get: {
          summary: 'Articles for the signed-in reviewer to review, most useful first (reviewer or admin)',
          security: [{ bearer: [] }],
          parameters: queryParameters(queueParams),
          responses: { 200: { description: 'Items with the reason each is queued' }, 400: failure },
        },
      },
      '/api/review/assign/{id}': {
        post: {
          summary: 'Takes one of the two review slots of an article (reviewer or admin)',
          security: [{ bearer: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'Assigned' }, 409: json(errorResponse, 'Two reviewers hold it') },
        },
      },
      '/api/review/stats': {
        get: {
          summary: 'Reviewer agreement: against the classifier, between reviewers, and the stream-sample estimate',
          responses: { 200: { description: 'Rows per label and language, and the stream estimate' } },
        },
      },
      '/api/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
    components: {
      schemas: { Error: schemaOf(errorResponse, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from kuzet users add' } },
    },
  };
}
