// File and folder names are kebab-case (`resource-list-page.tsx`), checked by
// eslint-plugin-check-file on every file ESLint reads. Extensions in the middle
// (`.test`, `.int.test`, `.config`) are not part of the name.
import checkFile from 'eslint-plugin-check-file';

export const fileNamesConfig = {
  files: ['{apps,packages,tools,e2e,scripts}/**/*.{ts,tsx,js,mjs}'],
  plugins: { 'check-file': checkFile },
  rules: {
    'check-file/filename-naming-convention': [
      'error',
      { '**/*.{ts,tsx,js,mjs}': 'KEBAB_CASE' },
      { ignoreMiddleExtensions: true },
    ],
    'check-file/folder-naming-convention': [
      'error',
      { '{apps,packages,tools,e2e,scripts}/**/': 'KEBAB_CASE' },
    ],
  },
};
