// weak-password-policy: password validation that accepts fewer than 8 characters, or any length on sign-up (guideline 1.3a).
import { defineRule, type AstNode, type ReportDescriptor, type SourceFile, type TextChange } from '../server/src/engine';
import { lastSegmentName, propertyKeyName, staticStringValue, parentOf } from './shared/ast';
import {
  chainLibrary, chainRootOf, hasOpaqueCheck, objectProperty, readChain, regexLengthBound, type ValidatorChain,
} from './shared/password-policy-chains';
import { enclosingNames, isPasswordName, isRoleOnlyField, purposeOf, type PasswordPurpose } from './shared/password-policy-names';

type Call = Extract<AstNode, { type: 'CallExpression' }>;
type Fix = { id: string; title: string; changes: TextChange[] };

/** A length given as a literal (editable in place) or as the name of a constant declared in the file. */
type Amount = { value: number; literal: { range: [number, number] } } | { constant: string };

interface Candidate {
  start: number;
  end: number;
  field: string;
  purpose: PasswordPurpose;
  amount: Amount;
}

/** Class-validator decorators that bound a property's length or validate it in ways this rule cannot size. */
const DTO_LENGTH_DECORATORS = new Set(['MinLength', 'Length', 'IsStrongPassword', 'Matches', 'Validate', 'ValidateBy']);
const MIN_LENGTH_KEYS = new Set(['minlength', 'minLength', 'min_length']);
const HTML_PATHS = /\.(?:html?|vue|svelte)$/i;

function numericLiteral(node: AstNode | undefined | null): { value: number; literal: { range: [number, number] } } | undefined {
  if (node?.type === 'Literal' && typeof node.value === 'number' && Number.isInteger(node.value)) return { value: node.value, literal: node };
  return undefined;
}

/** `6`, `MIN_PASSWORD` (resolved later) or mongoose's `[6, 'too short']`. */
function amountOf(node: AstNode | undefined | null): Amount | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return { constant: node.name };
  if (node.type === 'ArrayExpression') return amountOf(node.elements[0] as AstNode | null);
  return numericLiteral(node);
}

/**
 * Whether a field is a password a person chooses: its own name says so, or it is a role-only field (`next`, `current`)
 * of a schema whose name mentions passwords (`changePasswordSchema = z.object({ current, next })`).
 */
function passwordField(field: string | undefined, anchor: AstNode): boolean {
  if (!field) return false;
  if (isPasswordName(field)) return true;
  if (!isRoleOnlyField(field)) return false;
  const container = enclosingNames(anchor).find((n) => n !== field);
  return container !== undefined && /pass(?:word)?|pwd/i.test(container);
}

/** The purpose of a field in its surroundings: the field name first (`currentPassword`), then what encloses it. */
function purposeFor(field: string, anchor: AstNode, path: string): PasswordPurpose {
  return purposeOf([field, ...enclosingNames(anchor)], path);
}

/** Too short when below the required length; presence checks (`min(1)`) only count where a password is being set. */
function isTooShort(value: number, purpose: PasswordPurpose, required: number): boolean {
  if (purpose === 'checking' || value >= required) return false;
  return purpose === 'setting' || value >= 2;
}

function requiredLength(option: unknown): number {
  return typeof option === 'number' && Number.isInteger(option) && option > 8 ? option : 8;
}

function charactersText(n: number): string {
  return `${n} character${n === 1 ? '' : 's'}`;
}

export default defineRule({
  meta: {
    id: 'weak-password-policy',
    description: 'Require new passwords to have at least 8 characters',
    guideline: ['1.3a'],
    defaultSeverity: 'warning',
    why: 'Short passwords fall to online guessing and to offline cracking of leaked hashes within minutes; guideline 1.3a sets 8 characters as the floor for merchant accounts.',
    howToFix: 'Require at least 8 characters wherever a password is set (sign-up, reset, change) and enforce it on the server; length matters more than character classes.',
    messages: {
      tooShort: '`{{field}}` accepts passwords of {{length}}, short enough to guess or crack quickly; require at least {{required}} characters (guideline 1.3a).',
      noMinimum: '`{{field}}` is set here without a minimum length, so a one-character password is accepted; require at least {{required}} characters (guideline 1.3a).',
    },
    fixes: { raiseMinimum: 'unsafe', addMinimum: 'unsafe' },
    defaultOptions: { minLength: 8 },
    optionsSchema: {
      type: 'object',
      properties: {
        minLength: {
          type: 'integer',
          minimum: 8,
          description: 'Shortest password length to accept (at least 8, the guideline\'s floor); the quick fixes raise minimums to it.',
        },
      },
      additionalProperties: false,
    },
  },
  // Every report is about a password field: PASSWORD_WORDS (all spelled with `pass` or `pwd`), a role-only field of a
  // container named like a password, or an `<input type="password">`.
  mayReport: (file) => !file.isTestFile && /pass|pwd/i.test(file.text),
  create(context) {
    const { source } = context;
    // Test code builds throwaway schemas and forms with short passwords on purpose.
    if (source.isTestFile) return {};
    const required = requiredLength(context.options.minLength);
    const candidates: Candidate[] = [];
    const constants = new Map<string, { value: number; literal: { range: [number, number] } } | null>();
    let program: Extract<AstNode, { type: 'Program' }> | undefined;

    const raiseFix = (range: [number, number], text = String(required)): Fix => ({
      id: 'raiseMinimum',
      title: `Raise the minimum password length to ${required}`,
      changes: [{ start: range[0], end: range[1], text }],
    });

    const reportNoMinimum = (node: { range: [number, number] }, field: string, fix: Fix | undefined) => {
      context.report({
        node, messageId: 'noMinimum', data: { field, required }, fixes: fix ? [fix] : [], fingerprintKey: field,
      });
    };

    const addCandidate = (at: { range: [number, number] } | [number, number], field: string, anchor: AstNode, amount: Amount | undefined) => {
      if (!amount) return;
      const [start, end] = Array.isArray(at) ? at : at.range;
      candidates.push({ start, end, field, purpose: purposeFor(field, anchor, source.path), amount });
    };

    /** zod / joi / yup / express-validator: the minimum in the chain, or its absence on a sign-up schema. */
    const checkChain = (chain: ValidatorChain) => {
      const { field } = chain;
      if (!field || !passwordField(field, chain.end)) return;
      let bounded = hasOpaqueCheck(chain);
      for (const { name, call, property } of chain.calls) {
        const span: [number, number] = [property.range[0], call.range[1]];
        if (chain.library === 'schema' && name === 'min') {
          bounded = true;
          addCandidate(span, field, chain.end, amountOf(call.arguments[0] as AstNode | undefined));
        } else if (chain.library === 'express-validator' && (name === 'isLength' || name === 'isStrongPassword')) {
          const key = name === 'isLength' ? 'min' : 'minLength';
          const option = objectProperty(call.arguments[0] as AstNode | undefined, key);
          if (name === 'isLength' && !option) continue;
          bounded = true;
          if (option) addCandidate(option, field, chain.end, amountOf(option.value as AstNode));
        }
      }
      if (bounded || purposeFor(field, chain.end, source.path) !== 'setting') return;
      const insertion = chain.library === 'schema' ? `.min(${required})` : `.isLength({ min: ${required} })`;
      reportNoMinimum(chain.root, field, {
        id: 'addMinimum',
        title: `Require at least ${required} characters`,
        changes: [{ start: chain.root.range[1], end: chain.root.range[1], text: insertion }],
      });
    };

    /** class-validator: `@MinLength(6)`, `@Length(6, 64)`, `@IsStrongPassword({ minLength: 6 })` on a password property. */
    const checkDecorator = (call: Call, name: string) => {
      const decorator = parentOf(call);
      const property = decorator && parentOf(decorator);
      if (decorator?.type !== 'Decorator' || property?.type !== 'PropertyDefinition') return;
      const field = propertyKeyName(property as { key: AstNode; computed?: boolean });
      if (!field || !passwordField(field, property)) return;
      if (name === 'IsStrongPassword') {
        const option = objectProperty(call.arguments[0] as AstNode | undefined, 'minLength');
        if (option) addCandidate(option, field, property, amountOf(option.value as AstNode));
        return;
      }
      addCandidate(decorator, field, property, amountOf(call.arguments[0] as AstNode | undefined));
    };

    /** A class-validator DTO property for a new password with validators but no length bound. */
    const checkDtoProperty = (node: Extract<AstNode, { type: 'PropertyDefinition' }>) => {
      const decorators = node.decorators ?? [];
      if (decorators.length === 0) return;
      const field = propertyKeyName(node as { key: AstNode; computed?: boolean });
      if (!field || !passwordField(field, node)) return;
      const names = decorators.map((d) => (d.expression.type === 'CallExpression' ? lastSegmentName(d.expression.callee) : undefined));
      // Only class-validator DTOs (`@IsString()`, `@IsNotEmpty()`): ORM entity columns hold hashes, not typed passwords.
      if (!names.some((n) => n !== undefined && /^Is[A-Z]/.test(n))) return;
      if (names.some((n) => n !== undefined && DTO_LENGTH_DECORATORS.has(n))) return;
      if (purposeFor(field, node, source.path) !== 'setting') return;
      reportNoMinimum(node.key, field, dtoMinimumFix(decorators[0]));
    };

    /** Adds `@MinLength(n)` above the first decorator, importing it next to the other class-validator imports. */
    const dtoMinimumFix = (first: { range: [number, number] }): Fix | undefined => {
      const declaration = program?.body.find((s) => s.type === 'ImportDeclaration' && s.source.value === 'class-validator');
      if (declaration?.type !== 'ImportDeclaration') return undefined;
      const named = declaration.specifiers.filter((s) => s.type === 'ImportSpecifier');
      const last = named[named.length - 1];
      if (!last) return undefined;
      const imported = named.some((s) => s.imported.type === 'Identifier' && s.imported.name === 'MinLength' && s.local.name === 'MinLength');
      const lineStart = source.lineStartAt(first.range[0]);
      const indent = source.text.slice(lineStart, first.range[0]);
      const changes: TextChange[] = [];
      if (!imported) changes.push({ start: last.range[1], end: last.range[1], text: ', MinLength' });
      const separator = /^\s*$/.test(indent) ? `\n${indent}` : ' ';
      changes.push({ start: first.range[0], end: first.range[0], text: `@MinLength(${required})${separator}` });
      return { id: 'addMinimum', title: `Require at least ${required} characters with @MinLength(${required})`, changes };
    };

    /**
     * Length options in plain objects: mongoose and JSON-schema fields (`password: { minlength: 6 }`) and validator.js
     * (`isLength(password, { min: 6 })`, `isStrongPassword(pw, { minLength: 6 })`).
     */
    const checkLengthOption = (node: Extract<AstNode, { type: 'Property' }>, key: string) => {
      const object = parentOf(node);
      const holder = object && parentOf(object);
      if (object?.type !== 'ObjectExpression' || !holder) return;
      if (holder.type === 'Property' && holder.value === object && MIN_LENGTH_KEYS.has(key)) {
        const field = propertyKeyName(holder as { key: AstNode; computed?: boolean });
        if (field && passwordField(field, holder)) addCandidate(node, field, holder, amountOf(node.value as AstNode));
        return;
      }
      if (holder.type !== 'CallExpression' || holder.arguments[1] !== object || holder.arguments.length !== 2) return;
      const callee = lastSegmentName(holder.callee);
      const expectedKey = callee === 'isLength' ? 'min' : callee === 'isStrongPassword' ? 'minLength' : undefined;
      if (key !== expectedKey) return;
      const field = lastSegmentName(holder.arguments[0] as AstNode);
      if (field && passwordField(field, holder)) addCandidate(node, field, holder, amountOf(node.value as AstNode));
    };

    /** The password field a regex literal constrains, and the node whose surroundings give its purpose. */
    const regexTarget = (node: AstNode): { field: string; anchor: AstNode } | undefined => {
      const parent = parentOf(node);
      if (!parent) return undefined;
      if (parent.type === 'CallExpression' && parent.arguments[0] === node) {
        if (parent.callee.type === 'Identifier' && parent.callee.name === 'Matches') {
          const property = parentOf(parentOf(parent) ?? parent);
          const field = property?.type === 'PropertyDefinition' ? propertyKeyName(property as { key: AstNode; computed?: boolean }) : undefined;
          return field && property ? { field, anchor: property } : undefined;
        }
        const found = chainRootOf(parent);
        if (!found) return undefined;
        const chain = readChain(found.root, found.library);
        return chain.field ? { field: chain.field, anchor: chain.end } : undefined;
      }
      if (parent.type === 'MemberExpression' && parent.object === node && lastSegmentName(parent) === 'test') {
        const call = parentOf(parent);
        const argument = call?.type === 'CallExpression' ? (call.arguments[0] as AstNode | undefined) : undefined;
        const field = argument && lastSegmentName(argument);
        return field && call ? { field, anchor: call } : undefined;
      }
      if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return { field: parent.id.name, anchor: parent };
      if (parent.type === 'Property') {
        const key = propertyKeyName(parent as { key: AstNode; computed?: boolean });
        if (key === 'match' || key === 'pattern') {
          const owner = parentOf(parentOf(parent) ?? parent);
          const field = owner?.type === 'Property' ? propertyKeyName(owner as { key: AstNode; computed?: boolean }) : undefined;
          return field && owner ? { field, anchor: owner } : undefined;
        }
        return key ? { field: key, anchor: parent } : undefined;
      }
      return undefined;
    };

    const checkRegex = (node: AstNode & { regex: { pattern: string } }) => {
      const bound = regexLengthBound(node.regex.pattern);
      if (!bound || bound.min >= required) return;
      const target = regexTarget(node);
      if (!target || !passwordField(target.field, target.anchor)) return;
      const bodyStart = node.range[0] + 1;
      addCandidate(node, target.field, target.anchor, {
        value: bound.min, literal: { range: [bodyStart + bound.digitsStart, bodyStart + bound.digitsEnd] },
      });
    };

    /** `<input type="password" minLength={6}>` in JSX. */
    const checkJsxInput = (node: Extract<AstNode, { type: 'JSXOpeningElement' }>) => {
      const attributes = new Map<string, Extract<AstNode, { type: 'JSXAttribute' }>>();
      for (const a of node.attributes) if (a.type === 'JSXAttribute' && a.name.type === 'JSXIdentifier') attributes.set(a.name.name, a);
      const type = attributes.get('type');
      if (!type || jsxValue(type.value) !== 'password') return;
      const minLength = attributes.get('minLength') ?? attributes.get('minlength');
      if (!minLength?.value) return;
      const literal = jsxNumber(minLength.value);
      if (!literal) return;
      const labels = ['autoComplete', 'autocomplete', 'name', 'id'].map((k) => jsxValue(attributes.get(k)?.value)).filter((v): v is string => !!v);
      const field = labels.find((l) => isPasswordName(l)) ?? 'password';
      const purpose = purposeOf([...labels, ...enclosingNames(node)], source.path);
      candidates.push({ start: minLength.range[0], end: minLength.range[1], field, purpose, amount: literal });
    };

    return {
      Program(node: Extract<AstNode, { type: 'Program' }>) {
        program = node;
      },
      VariableDeclarator(node: Extract<AstNode, { type: 'VariableDeclarator' }>) {
        if (node.id.type !== 'Identifier') return;
        const literal = numericLiteral(node.init);
        const kind = parentOf(node)?.type === 'VariableDeclaration' ? (parentOf(node) as { kind: string }).kind : undefined;
        if (!literal || kind !== 'const') return;
        // A name declared twice (shadowing) cannot be resolved without scopes; such a minimum is left alone.
        constants.set(node.id.name, constants.has(node.id.name) ? null : literal);
      },
      CallExpression(node: Call) {
        const library = chainLibrary(node);
        if (library) {
          checkChain(readChain(node, library));
          return;
        }
        if (node.callee.type === 'Identifier' && (node.callee.name === 'MinLength' || node.callee.name === 'Length' || node.callee.name === 'IsStrongPassword')) {
          checkDecorator(node, node.callee.name);
        }
      },
      PropertyDefinition(node: Extract<AstNode, { type: 'PropertyDefinition' }>) {
        checkDtoProperty(node);
      },
      Property(node: Extract<AstNode, { type: 'Property' }>) {
        const key = propertyKeyName(node as { key: AstNode; computed?: boolean });
        if (key && (MIN_LENGTH_KEYS.has(key) || key === 'min')) checkLengthOption(node, key);
      },
      Literal(node: AstNode & { regex?: { pattern: string } }) {
        if (node.regex) checkRegex(node as AstNode & { regex: { pattern: string } });
      },
      JSXOpeningElement(node: Extract<AstNode, { type: 'JSXOpeningElement' }>) {
        checkJsxInput(node);
      },
      'Program:exit'() {
        for (const c of candidates) {
          const resolved = 'constant' in c.amount ? constants.get(c.amount.constant) : c.amount;
          if (!resolved || !isTooShort(resolved.value, c.purpose, required)) continue;
          const [start, end] = resolved.literal.range;
          const original = source.text.slice(start, end);
          // JSX string attributes (`minLength="6"`) keep their quotes.
          const text = /^["']/.test(original) ? `${original[0]}${required}${original[0]}` : String(required);
          context.report({
            start: c.start,
            end: c.end,
            messageId: 'tooShort',
            data: { field: c.field, length: charactersText(resolved.value), required },
            fixes: [raiseFix(resolved.literal.range, text)],
            fingerprintKey: c.field,
          });
        }
      },
      text(file: SourceFile) {
        if (file.kind === 'text' && (HTML_PATHS.test(file.path) || file.languageId === 'html')) scanHtml(file, required, context.report);
      },
    };
  },
});

function jsxValue(value: AstNode | null | undefined): string | undefined {
  if (!value) return undefined;
  if (value.type === 'JSXExpressionContainer') return staticStringValue(value.expression as AstNode);
  return staticStringValue(value);
}

/** `{6}` or `"6"`: the literal to edit and its number. */
function jsxNumber(value: AstNode): { value: number; literal: { range: [number, number] } } | undefined {
  if (value.type === 'JSXExpressionContainer') return numericLiteral(value.expression as AstNode);
  const text = staticStringValue(value);
  return text !== undefined && /^\d+$/.test(text) ? { value: Number(text), literal: value } : undefined;
}

const INPUT_TAG = /<input\b[^>]*>/gi;
const FORM_TAG = /<form\b[^>]*>/gi;
// Starts only where a name starts (the lookbehind): retrying from inside a long name without `=` is quadratic.
const ATTRIBUTE = /(?<![:@\w-])([:@\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/dg;

interface HtmlAttribute {
  name: string;
  value: string;
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
}

function htmlAttributes(tag: string, offset: number): Map<string, HtmlAttribute> {
  const out = new Map<string, HtmlAttribute>();
  for (const m of tag.matchAll(ATTRIBUTE)) {
    const group = m[2] !== undefined ? 2 : m[3] !== undefined ? 3 : 4;
    const [valueStart, valueEnd] = m.indices![group]!;
    // Vue and Svelte bindings (`:minlength`, `v-bind:minlength`) bind the same attribute.
    const name = m[1].replace(/^(?:v-bind)?:/, '').toLowerCase();
    out.set(name, { name, value: m[group]!, start: offset + m.index!, end: offset + m.index! + m[0].length, valueStart: offset + valueStart, valueEnd: offset + valueEnd });
  }
  return out;
}

/** `<input type="password" minlength="6">` in HTML, Vue and Svelte templates, judged by the form around it. */
function scanHtml(file: SourceFile, required: number, report: (d: ReportDescriptor) => void): void {
  if (!/type\s*=\s*["']?password/i.test(file.text)) return;
  const forms = [...file.text.matchAll(FORM_TAG)].map((m) => ({ at: m.index!, attributes: htmlAttributes(m[0], m.index!) }));
  for (const m of file.text.matchAll(INPUT_TAG)) {
    const attributes = htmlAttributes(m[0], m.index!);
    if (attributes.get('type')?.value.toLowerCase() !== 'password') continue;
    const minLength = attributes.get('minlength');
    if (!minLength || !/^\d+$/.test(minLength.value)) continue;
    const value = Number(minLength.value);
    const form = forms.filter((f) => f.at < m.index!).pop();
    const labels = ['autocomplete', 'name', 'id'].map((k) => attributes.get(k)?.value).filter((v): v is string => !!v);
    const formLabels = form ? ['id', 'name', 'action', 'class'].map((k) => form.attributes.get(k)?.value).filter((v): v is string => !!v) : [];
    const purpose = purposeOf([...labels, ...formLabels], file.path);
    if (!isTooShort(value, purpose, required)) continue;
    const field = labels.find((l) => isPasswordName(l)) ?? 'password';
    report({
      start: minLength.start,
      end: minLength.end,
      messageId: 'tooShort',
      data: { field, length: charactersText(value), required },
      fixes: [{ id: 'raiseMinimum', title: `Raise the minimum password length to ${required}`, changes: [{ start: minLength.valueStart, end: minLength.valueEnd, text: String(required) }] }],
      fingerprintKey: field,
    });
  }
}

