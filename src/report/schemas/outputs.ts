/**
 * JSON Schemas (draft-07) of what the commands print with --json, one per document kind, each with
 * its version in `schema`. They say what a consumer may rely on: the fields named here are always
 * there with these types; fields not named may be added within a version. schemas/*.schema.json
 * are these objects as files (src/report/schemas/schemas.test.ts keeps them equal and checks real
 * output against them).
 */

const strings = { type: 'array', items: { type: 'string' } } as const;
const severity = { enum: ['bug', 'divergence', 'lint'] } as const;
const path = { type: ['string', 'null'] } as const;

const result = {
  type: 'object',
  required: ['property', 'severity', 'path', 'verdict', 'method', 'coverage'],
  properties: {
    property: { type: 'string' },
    severity,
    path,
    verdict: { enum: ['holds', 'violated'] },
    method: { enum: ['exhaustive', 'fast-check'] },
    coverage: {
      type: 'object',
      required: ['domainBits'],
      properties: { domainBits: { type: 'integer', minimum: 0 } },
    },
    counterexample: {
      type: 'object',
      required: ['flags', 'events', 'outcome', 'trace', 'message'],
      properties: {
        flags: strings,
        events: {
          type: 'array',
          items: {
            type: 'object',
            required: ['at', 'id'],
            properties: { at: { type: 'integer' }, id: { type: 'string' } },
          },
        },
        outcome: { enum: ['livelock', 'returned', 'step-limit', 'bug', 'exited'] },
        trace: {
          type: 'array',
          items: {
            type: 'object',
            required: ['step', 'label'],
            properties: { step: { type: 'integer' }, label: { type: 'string' } },
          },
        },
        message: { type: 'string' },
      },
    },
  },
} as const;

const verifyDocument = {
  type: 'object',
  required: ['schema', 'kernel', 'pathsFrom', 'edits', 'notes', 'results'],
  properties: {
    schema: { const: 'tifcheck-verify/1' },
    kernel: { type: 'string' },
    pathsFrom: { type: 'string' },
    edits: strings,
    notes: strings,
    results: { type: 'array', items: result },
    /** verify --properties FILE: the user's own properties, each result as the built-in ones'. */
    userResults: { type: 'array', items: result },
    fixes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['target', 'fixes'],
        properties: { target: { type: 'object' }, fixes: { type: 'array' } },
      },
    },
  },
} as const;

export const VERIFY_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'tifcheck verify --json (tifcheck-verify/1)',
  description:
    'One kernel or header: every property on every path. With no --kernel or --header: {schema, kernels: [that document]}.',
  oneOf: [
    verifyDocument,
    {
      type: 'object',
      required: ['schema', 'kernels'],
      additionalProperties: false,
      properties: {
        schema: { const: 'tifcheck-verify/1' },
        kernels: { type: 'array', items: verifyDocument },
      },
    },
  ],
} as const;

const side = {
  type: 'object',
  required: ['kernel', 'pathsFrom', 'edits', 'notes'],
  properties: {
    kernel: { type: 'string' },
    pathsFrom: { type: 'string' },
    edits: strings,
    notes: strings,
    flagWork: strings,
  },
} as const;

const place = {
  type: 'object',
  required: ['property', 'severity', 'path'],
  properties: { property: { type: 'string' }, severity, path },
} as const;

export const DIFF_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'tifcheck diff --json (tifcheck-diff/1)',
  description: 'What a change fixes, breaks and does differently: masks, verdicts, fixes, behaviour.',
  type: 'object',
  required: ['schema', 'base', 'proposed', 'masks', 'fixed', 'broken', 'verdicts', 'fixes', 'behaviour'],
  properties: {
    schema: { const: 'tifcheck-diff/1' },
    base: side,
    proposed: side,
    masks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'added', 'removed'],
        properties: { name: { type: 'string' }, added: strings, removed: strings },
      },
    },
    fixed: { type: 'array', items: place },
    broken: { type: 'array', items: place },
    verdicts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['property', 'path', 'change', 'severity'],
        properties: {
          property: { type: 'string' },
          path,
          change: { enum: ['fixed', 'broken', 'unchanged', 'only-base', 'only-proposed'] },
          severity,
          before: { enum: ['holds', 'violated'] },
          after: { enum: ['holds', 'violated'] },
        },
      },
    },
    fixes: { type: 'array' },
    returnTests: { type: 'object' },
    behaviour: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'compared', 'differing', 'differingReachable'],
        properties: {
          path: { type: 'string' },
          compared: { type: 'integer', minimum: 0 },
          differing: { type: 'integer', minimum: 0 },
          differingReachable: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
} as const;

const bits = { type: 'object', additionalProperties: { type: 'integer', minimum: 0, maximum: 63 } } as const;

export const MASKS_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'tifcheck masks --json (tifcheck-masks/1)',
  description: 'Every mask of a kernel or header: value, named flags, unnamed bits, expression.',
  type: 'object',
  required: ['schema', 'source', 'flags', 'masks', 'undefinedLowBits'],
  properties: {
    schema: { const: 'tifcheck-masks/1' },
    source: { type: 'string' },
    flags: bits,
    syscall_work: bits,
    masks: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['value', 'hex', 'flags', 'unnamed', 'expr', 'word'],
        properties: {
          value: { type: 'integer', minimum: 0, maximum: 4294967295 },
          hex: { type: 'string', pattern: '^0x[0-9a-f]{8}$' },
          flags: strings,
          unnamed: { type: 'integer', minimum: 0 },
          expr: { type: 'string' },
          word: { enum: ['flags', 'syscall_work'] },
        },
      },
    },
    undefinedLowBits: { type: 'integer', minimum: 0 },
  },
} as const;

export const FACTS_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'tifcheck facts --json (tifcheck-facts/1)',
  description: 'Every fact the model uses for a kernel, and where it was read or how it is known.',
  type: 'object',
  required: ['schema', 'kernel', 'title', 'facts'],
  properties: {
    schema: { const: 'tifcheck-facts/1' },
    kernel: { type: 'string' },
    title: { type: 'string' },
    facts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'name', 'evidence', 'ref'],
        properties: {
          kind: { type: 'string' },
          name: { type: 'string' },
          value: { type: 'string' },
          evidence: { enum: ['source', 'recollection', 'inference', 'seed'] },
          ref: { type: 'string' },
          tree: {
            type: 'object',
            required: ['id', 'release', 'repo', 'commit'],
            properties: {
              id: { type: 'string' },
              release: { type: 'string' },
              repo: { type: 'string' },
              commit: { type: 'string' },
            },
          },
          path: { type: 'string' },
        },
      },
    },
  },
} as const;

export const HISTORY_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'tifcheck history --json (tifcheck-history/1)',
  description: 'Every release tag of a kernel repository checked, and where each verdict changed.',
  type: 'object',
  required: ['schema', 'tree', 'tags', 'changes'],
  properties: {
    schema: { const: 'tifcheck-history/1' },
    tree: { type: 'string' },
    tags: {
      type: 'array',
      items: {
        type: 'object',
        required: ['tag'],
        properties: {
          tag: { type: 'string' },
          error: { type: 'string' },
          pathsFrom: { type: 'string' },
          violated: { type: 'array', items: place },
        },
      },
    },
    changes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['property', 'path', 'kind', 'tag', 'previous'],
        properties: {
          property: { type: 'string' },
          path,
          kind: { enum: ['broken', 'fixed'] },
          tag: { type: 'string' },
          previous: { type: 'string' },
          counterexample: strings,
        },
      },
    },
  },
} as const;
