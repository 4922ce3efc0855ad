/**
 * The JSON Schema (draft-07) of a counterexample report, tifcheck-counterexample/1: what `verify
 * --out` writes and `replay` reads. readReport.ts checks every report read against it;
 * schemas/counterexample.schema.json is this object as a file, for other tools
 * (src/report/schemas/schemas.test.ts keeps the two equal). Limits (events, runs, sizes) are
 * there so that a report cannot ask replay for an endless search.
 */
export const COUNTEREXAMPLE_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://tifcheck/schemas/counterexample.schema.json',
  title: 'tifcheck counterexample report (tifcheck-counterexample/1)',
  description:
    'A violated property on one kernel or header, every path where it fails: what `verify --out` writes and `replay` reads.',
  type: 'object',
  required: [
    'schema',
    'tool',
    'kernel',
    'pathsFrom',
    'edits',
    'raw',
    'property',
    'statement',
    'cite',
    'notes',
    'violations',
  ],
  additionalProperties: false,
  properties: {
    schema: {
      const: 'tifcheck-counterexample/1',
    },
    tool: {
      type: 'string',
      maxLength: 200,
    },
    kernel: {
      type: 'string',
      minLength: 1,
      maxLength: 4096,
    },
    pathsFrom: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    edits: {
      type: 'array',
      maxItems: 64,
      items: {
        type: 'string',
        maxLength: 4096,
      },
    },
    raw: {
      type: 'boolean',
    },
    events: {
      const: 'none',
    },
    flagWork: {
      type: 'array',
      maxItems: 32,
      items: {
        type: 'string',
        maxLength: 200,
      },
    },
    fred: {
      const: true,
    },
    tree: {
      type: 'object',
      required: ['dir'],
      additionalProperties: false,
      properties: {
        dir: { type: 'string', minLength: 1, maxLength: 4096 },
        rev: { type: 'string', minLength: 1, maxLength: 256 },
        patch: { type: 'string', minLength: 1, maxLength: 4096 },
      },
    },
    header: {
      type: 'object',
      required: ['sha256', 'defines'],
      additionalProperties: false,
      properties: {
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        defines: { type: 'array', maxItems: 4096, items: { type: 'string', maxLength: 100000 } },
      },
    },
    property: {
      type: 'string',
      maxLength: 100,
    },
    statement: {
      type: 'string',
    },
    cite: {
      type: 'string',
    },
    notes: {
      $ref: '#/definitions/strings',
    },
    explanation: {
      $ref: '#/definitions/strings',
    },
    readIn: {
      $ref: '#/definitions/strings',
    },
    violations: {
      type: 'array',
      minItems: 1,
      maxItems: 16,
      items: {
        $ref: '#/definitions/violation',
      },
    },
  },
  definitions: {
    strings: {
      type: 'array',
      items: {
        type: 'string',
      },
    },
    count: {
      type: 'integer',
      minimum: 0,
    },
    events: {
      type: 'array',
      maxItems: 16,
      items: {
        type: 'object',
        required: ['at', 'id'],
        additionalProperties: false,
        properties: {
          at: {
            type: 'integer',
            minimum: 0,
            maximum: 10000,
          },
          id: {
            type: 'string',
            maxLength: 100,
          },
        },
      },
    },
    traceEntry: {
      type: 'object',
      required: ['step', 'label', 'irqs', 'frame', 'flags', 'work', 'notes', 'events'],
      additionalProperties: false,
      properties: {
        step: {
          $ref: '#/definitions/count',
        },
        label: {
          type: 'string',
        },
        irqs: {
          enum: ['on', 'off'],
        },
        frame: {
          enum: ['full', 'partial'],
        },
        flags: {
          type: 'string',
        },
        syscallWork: {
          type: 'string',
        },
        mask: {
          type: 'string',
        },
        work: {
          type: 'string',
        },
        notes: {
          $ref: '#/definitions/strings',
        },
        events: {
          $ref: '#/definitions/strings',
        },
      },
    },
    run: {
      type: 'object',
      required: ['outcome', 'trace'],
      properties: {
        outcome: {
          enum: ['livelock', 'returned', 'step-limit', 'bug', 'exited'],
        },
        trace: {
          type: 'array',
          items: {
            $ref: '#/definitions/traceEntry',
          },
        },
        cycleStart: {
          $ref: '#/definitions/count',
        },
        returnedBy: {
          type: 'object',
          required: ['via', 'at', 'flags'],
          additionalProperties: false,
          properties: {
            via: {
              type: 'string',
            },
            at: {
              type: 'string',
            },
            flags: {
              type: 'string',
            },
          },
        },
        stoppedBy: {
          type: 'object',
          required: ['kind', 'at', 'what'],
          additionalProperties: false,
          properties: {
            kind: {
              enum: ['bug', 'exited'],
            },
            at: {
              type: 'string',
            },
            what: {
              type: 'string',
            },
          },
        },
        syscall: {
          type: 'string',
          maxLength: 40,
        },
        seccomp: {
          type: 'string',
          maxLength: 40,
        },
        syscallWork: {
          type: 'array',
          maxItems: 32,
          items: {
            type: 'string',
            maxLength: 100,
          },
        },
      },
    },
    flagNames: {
      type: 'array',
      maxItems: 32,
      items: {
        type: 'string',
        maxLength: 100,
      },
    },
    counterexample: {
      allOf: [
        {
          $ref: '#/definitions/run',
        },
        {
          type: 'object',
          required: ['flags', 'flagsValue', 'events', 'message', 'why', 'latent', 'foundBy'],
          properties: {
            flags: {
              $ref: '#/definitions/flagNames',
            },
            flagsValue: {
              type: 'string',
              pattern: '^0x[0-9a-f]{8}$',
            },
            events: {
              $ref: '#/definitions/events',
            },
            message: {
              type: 'string',
            },
            step: {
              $ref: '#/definitions/count',
            },
            why: {
              $ref: '#/definitions/strings',
            },
            latent: {
              type: 'object',
              required: ['flags', 'why'],
              additionalProperties: false,
              properties: {
                flags: {
                  $ref: '#/definitions/flagNames',
                },
                why: {
                  $ref: '#/definitions/strings',
                },
              },
            },
            reachable: {
              oneOf: [
                {
                  allOf: [
                    {
                      $ref: '#/definitions/run',
                    },
                    {
                      type: 'object',
                      required: ['kind', 'flags', 'events', 'message'],
                      properties: {
                        kind: {
                          const: 'found',
                        },
                        flags: {
                          $ref: '#/definitions/flagNames',
                        },
                        events: {
                          $ref: '#/definitions/events',
                        },
                        message: {
                          type: 'string',
                        },
                      },
                    },
                  ],
                },
                {
                  type: 'object',
                  required: ['kind', 'method'],
                  additionalProperties: false,
                  properties: {
                    kind: {
                      const: 'none',
                    },
                    method: {
                      enum: ['exhaustive', 'fast-check'],
                    },
                    initialStates: {
                      $ref: '#/definitions/count',
                    },
                    runs: {
                      $ref: '#/definitions/count',
                    },
                  },
                },
              ],
            },
            masks: {
              type: 'array',
              items: {
                type: 'object',
                required: ['name', 'bits'],
                additionalProperties: false,
                properties: {
                  name: {
                    type: 'string',
                  },
                  bits: {
                    type: 'string',
                    pattern: '^0x[0-9a-f]+$',
                  },
                },
              },
            },
            pendingBy: {
              type: 'array',
              items: {
                type: 'object',
                required: ['flag', 'by'],
                additionalProperties: false,
                properties: {
                  flag: {
                    type: 'string',
                  },
                  by: {
                    $ref: '#/definitions/strings',
                  },
                },
              },
            },
            eventsWhat: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'what'],
                additionalProperties: false,
                properties: {
                  id: {
                    type: 'string',
                  },
                  what: {
                    type: 'string',
                  },
                },
              },
            },
            foundBy: {
              type: 'object',
              additionalProperties: false,
              properties: {
                exhaustive: {
                  type: 'object',
                  required: ['initialStates', 'states'],
                  additionalProperties: false,
                  properties: {
                    initialStates: {
                      $ref: '#/definitions/count',
                    },
                    states: {
                      $ref: '#/definitions/count',
                    },
                  },
                },
                fastCheck: {
                  type: 'object',
                  required: ['seed', 'path', 'shrinks', 'runs'],
                  additionalProperties: false,
                  properties: {
                    seed: {
                      type: 'integer',
                      minimum: -2147483648,
                      maximum: 2147483647,
                    },
                    path: {
                      type: 'string',
                      maxLength: 10000,
                    },
                    syscall: {
                      type: 'string',
                      maxLength: 40,
                    },
                    shrinks: {
                      $ref: '#/definitions/count',
                    },
                    runs: {
                      type: 'integer',
                      minimum: 1,
                      maximum: 1000000,
                    },
                  },
                },
              },
            },
          },
        },
      ],
    },
    fix: {
      type: 'object',
      required: ['edits', 'definitions', 'alsoFixes'],
      additionalProperties: false,
      properties: {
        edits: {
          $ref: '#/definitions/strings',
        },
        definitions: {
          type: 'array',
          items: {
            type: 'object',
            required: ['mask', 'before', 'after'],
            additionalProperties: false,
            properties: {
              mask: {
                type: 'string',
              },
              file: {
                type: 'string',
              },
              before: {
                type: 'string',
              },
              after: {
                type: 'string',
              },
            },
          },
        },
        alsoFixes: {
          $ref: '#/definitions/strings',
        },
      },
    },
    violation: {
      type: 'object',
      required: ['path', 'method', 'coverage', 'counterexample', 'traceText', 'mermaid'],
      additionalProperties: false,
      properties: {
        path: {
          type: ['string', 'null'],
          maxLength: 100,
        },
        method: {
          enum: ['exhaustive', 'fast-check'],
        },
        coverage: {
          type: 'object',
          required: ['domainBits'],
          additionalProperties: false,
          properties: {
            initialStates: {
              $ref: '#/definitions/count',
            },
            states: {
              $ref: '#/definitions/count',
            },
            runs: {
              $ref: '#/definitions/count',
            },
            domainBits: {
              type: 'integer',
              minimum: 0,
              maximum: 64,
            },
            complete: {
              type: 'boolean',
            },
            events: {
              const: 'none',
            },
          },
        },
        counterexample: {
          $ref: '#/definitions/counterexample',
        },
        traceText: {
          $ref: '#/definitions/strings',
        },
        mermaid: {
          $ref: '#/definitions/strings',
        },
        reachableTraceText: {
          $ref: '#/definitions/strings',
        },
        fixes: {
          type: 'array',
          items: {
            $ref: '#/definitions/fix',
          },
        },
        noFix: {
          type: 'string',
        },
      },
    },
  },
};
