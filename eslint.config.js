// ESLint flat config: JavaScript and typescript-eslint recommendations, formatting left to Prettier, and
// the architecture's dependency rule (see ARCHITECTURE.md): which folder of src/ may import which, and no cycles.
import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import prettier from 'eslint-config-prettier'
import { importX } from 'eslint-plugin-import-x'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** The stages of src/, in the order of the flow; audit.ts wires them for both front doors (main.ts, cli/). */
const AWS = './src/aws'
const CLASSIFY = './src/classify'
const RENDER = './src/render'
const GITHUB = './src/github'
const SHARED = './src/shared'
const AUDIT = './src/audit.ts'
const CLI = './src/cli'
const ENTRY = ['./src/index.ts', './src/main.ts', './src/inputs.ts', AUDIT, CLI]

/** Folder (or file) → what it must not import, and why. */
const forbidden = [
  [SHARED, [AWS, CLASSIFY, RENDER, GITHUB, ...ENTRY], 'shared/ holds small helpers for every stage and imports only types.ts'],
  [
    CLASSIFY,
    [AWS, RENDER, GITHUB, ...ENTRY],
    'classify/ is the pure audit domain: it never calls AWS, renders or writes to GitHub'
  ],
  [AWS, [RENDER, GITHUB, ...ENTRY], 'aws/ reads from AWS; rendering and publishing are later stages that main.ts wires'],
  [RENDER, [AWS, GITHUB, ...ENTRY], 'render/ turns data into text and never calls AWS or GitHub'],
  [GITHUB, [AWS, ...ENTRY], 'github/ publishes results; it never calls AWS, and only main.ts wires the stages'],
  [
    './src/types.ts',
    [AWS, CLASSIFY, RENDER, GITHUB, SHARED, ...ENTRY],
    'types.ts is shared by every stage and imports nothing of src/'
  ],
  [
    './src/inputs.ts',
    [AWS, RENDER, GITHUB, './src/main.ts', AUDIT, CLI],
    'inputs.ts reads and validates inputs, before any stage runs'
  ],
  [
    AUDIT,
    [RENDER, './src/index.ts', './src/main.ts', './src/inputs.ts', CLI],
    'audit.ts runs the audit for both front doors: it renders nothing and never imports a front door'
  ],
  [
    CLI,
    [GITHUB, './src/index.ts', './src/main.ts'],
    "cli/ is the command's front door: it never loads the action's (main.ts) nor what publishes to GitHub"
  ]
]

/** Packages a pure folder must not load at run time (type imports are allowed). */
const IO_PACKAGES = {
  patterns: [
    {
      group: ['@actions/*', '@aws-sdk/*', '@smithy/*'],
      allowTypeImports: true,
      message: 'This folder is pure: take clients as parameters, in aws/ or github/.'
    },
    {
      group: ['node:fs', 'node:fs/*', 'node:child_process', 'node:http', 'node:https', 'node:net'],
      message: 'This folder is pure: I/O goes in aws/, github/ or main.ts.'
    }
  ]
}

export default tseslint.config(
  { ignores: ['dist/', 'dist-cli/', 'node_modules/', 'coverage/', '.cache/', 'build/', 'demo-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off'
    }
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })]
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        { zones: forbidden.map(([target, from, message]) => ({ target, from, message })) }
      ]
    }
  },
  {
    files: ['src/classify/**/*.ts', 'src/render/**/*.ts', 'src/shared/**/*.ts', 'src/types.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', IO_PACKAGES] }
  },
  {
    files: ['src/aws/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@actions/*'], allowTypeImports: true, message: 'aws/ takes what it needs from the runner as parameters.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/audit.ts', 'src/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@actions/*'],
              allowTypeImports: true,
              message: 'The command loads nothing of the runner: main.ts injects it into audit.ts (AuditHost).'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/github/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@aws-sdk/*'], allowTypeImports: true, message: 'github/ never calls AWS.' }] }
      ]
    }
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  prettier
)
