import type { ExportOptions } from '../api/export-params.ts';

const CHOICES: {
  [K in keyof ExportOptions]: { label: string; options: [ExportOptions[K], string][] };
} = {
  format: {
    label: 'Archive',
    options: [
      ['tgz', '.tgz (a Helm chart archive)'],
      ['zip', '.zip'],
    ],
  },
  shape: {
    label: 'Shape',
    options: [
      ['standalone', 'Standalone, next to a perses release'],
      ['umbrella', 'Umbrella, with the perses chart as a dependency'],
    ],
  },
  files: {
    label: 'Files',
    options: [
      ['stored', 'As stored (YAML stays YAML)'],
      ['json', 'As JSON'],
    ],
  },
  content: {
    label: 'Content',
    options: [
      ['chart', 'The whole chart'],
      ['files', 'Only the files/ tree'],
    ],
  },
};

export function ExportOptionsFields(props: {
  value: ExportOptions;
  onChange: (v: ExportOptions) => void;
}) {
  const { value, onChange } = props;
  return (
    <div className="export-options">
      {(Object.keys(CHOICES) as (keyof ExportOptions)[]).map((key) => (
        <label key={key} className="field-inline">
          <span>{CHOICES[key].label}</span>
          <select
            className="input"
            aria-label={CHOICES[key].label}
            value={value[key]}
            onChange={(e) => onChange({ ...value, [key]: e.target.value })}
          >
            {CHOICES[key].options.map(([v, text]) => (
              <option key={v} value={v}>
                {text}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}
