// Dashboard spec (perses/spec `dashboard.Spec`). Panel, query and variable plugin specs pass
// through: the loaded plugins validate them inside Perses.

import { z } from 'zod';
import {
  datasourceSpec,
  display,
  duration,
  listVariableFields,
  plugin,
  textVariableFields,
} from './common.ts';

const link = z.looseObject({
  name: z.string().optional(),
  url: z.string(),
  tooltip: z.string().optional(),
  renderVariables: z.boolean().optional(),
  targetBlank: z.boolean().optional(),
});

const query = z.looseObject({
  kind: z.string(),
  spec: z.looseObject({ name: z.string().optional(), plugin }),
});

const panel = z.looseObject({
  kind: z.string(),
  spec: z.looseObject({
    display: z
      .looseObject({ name: z.string().optional(), description: z.string().optional() })
      .optional(),
    plugin,
    queries: z.array(query).optional(),
    links: z.array(link).optional(),
  }),
});

const dashboardVariable = z.discriminatedUnion('kind', [
  z.looseObject({
    kind: z.literal('TextVariable'),
    spec: z.looseObject({ ...textVariableFields, name: z.string() }),
  }),
  z.looseObject({
    kind: z.literal('ListVariable'),
    spec: z.looseObject({ ...listVariableFields, name: z.string() }),
  }),
]);

/** `$ref` strings Perses accepts (perses/spec `JSONRef`): `#/spec/panels/<key>`. */
export const REF_PATTERN = /^#?\/([a-zA-Z0-9_-]+)(\/([a-zA-Z0-9_-]+))*$/;

const gridItem = z.looseObject({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  content: z.looseObject({
    $ref: z.string().regex(REF_PATTERN, { error: 'must look like "#/spec/panels/<panel key>"' }),
  }),
  repeatVariable: z
    .looseObject({
      value: z.string(),
      maxPer: z.number().int().optional(),
      alignment: z.enum(['horizontal', 'vertical']).optional(),
    })
    .optional(),
});

const collapse = z.looseObject({ open: z.boolean() });

const layout = z.discriminatedUnion('kind', [
  z.looseObject({
    kind: z.literal('Grid'),
    spec: z.looseObject({
      display: z.looseObject({ title: z.string(), collapse: collapse.optional() }).optional(),
      items: z.array(gridItem).optional(),
      repeatVariable: z.string().optional(),
    }),
  }),
  z.looseObject({
    kind: z.literal('Tabs'),
    spec: z.looseObject({
      display: z.looseObject({ title: z.string(), collapse: collapse.optional() }).optional(),
      tabs: z
        .array(z.looseObject({ name: z.string(), items: z.array(gridItem).optional() }))
        .optional(),
      defaultTab: z.number().int().optional(),
    }),
  }),
]);

const annotation = z.looseObject({
  display: z.looseObject({ name: z.string().min(1) }),
  plugin,
});

export const dashboardSpec = z.looseObject({
  display: display.optional(),
  datasources: z.record(z.string(), datasourceSpec).optional(),
  variables: z.array(dashboardVariable).optional(),
  annotations: z.array(annotation).optional(),
  panels: z.record(z.string(), panel).optional(),
  layouts: z.array(layout).optional(),
  duration: duration.optional(),
  refreshInterval: duration.optional(),
  timezone: z.string().optional(),
  links: z.array(link).optional(),
});
