import ts from 'typescript';

/** What a scan of the code found: every key a translate call can receive, and the calls it could not follow. */
export interface KeyScan {
  /** Key → the places (`file:line`) whose translate call can receive it. */
  keys: Map<string, Set<string>>;
  /** `file:line: expression` of key arguments whose possible values the scan cannot tell. */
  unresolved: string[];
  /** Number of translate calls found. */
  calls: number;
}

/** Raised when the TypeScript program for the scan cannot be set up. */
export class KeyScanSetupError extends Error {
  override readonly name = 'KeyScanSetupError';
}

type Values = string[] | undefined;

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) || ts.isSatisfiesExpression(current)) {
    current = current.expression;
  }
  return current;
}

function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node);
}

/** Return expressions of a function, not of the functions nested in it. */
function returnsOf(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  if (fn.body && !ts.isBlock(fn.body)) return [fn.body];
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    ts.forEachChild(node, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  return found;
}

/**
 * Follows every call of the translate function through the code with the TypeScript checker: a call is one whose
 * callee has the type `Translate`, or `I18n#t` (key second). Its key argument is followed through literal types,
 * conditionals, `??`/`||`, templates, consts, function parameters (to every call site), function returns, and properties
 * (to every object literal giving that property). `families` lists the suffixes of template keys whose variable part
 * the checker cannot enumerate; anything else the scan cannot follow is reported, never skipped.
 */
export function scanTranslationKeys(tsconfigPath: string, files: readonly string[], families: Readonly<Record<string, readonly string[]>>): KeyScan {
  const config = ts.readConfigFile(tsconfigPath, (path) => ts.sys.readFile(path));
  if (config.error) throw new KeyScanSetupError(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, tsconfigPath.replace(/[^/]+$/, ''));
  const program = ts.createProgram({ rootNames: [...files], options: parsed.options });
  const checker = program.getTypeChecker();
  const sources = files.map((file) => program.getSourceFile(file)).filter((source): source is ts.SourceFile => source !== undefined);
  if (sources.length !== files.length) throw new KeyScanSetupError('some source files could not be read');

  const calls: ts.CallExpression[] = [];
  const properties: (ts.PropertyAssignment | ts.ShorthandPropertyAssignment)[] = [];
  for (const source of sources) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) calls.push(node);
      if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) properties.push(node);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  const where = (node: ts.Node): string => {
    const source = node.getSourceFile();
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    return `${source.fileName.replace(/^.*\/(src|scenes)\//, '$1/')}:${line + 1}`;
  };
  const symbolOf = (node: ts.Node): ts.Symbol | undefined => {
    const symbol = checker.getSymbolAtLocation(node);
    return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  };
  const unresolved: string[] = [];
  const active = new Set<ts.Node>();

  const literals = (type: ts.Type): Values => {
    if (type.isStringLiteral()) return [type.value];
    if (type.isUnion() && type.types.every((member) => member.isStringLiteral() || member.flags & ts.TypeFlags.Undefined)) {
      return type.types.flatMap((member) => (member.isStringLiteral() ? [member.value] : []));
    }
    return undefined;
  };

  const functionOf = (callee: ts.Expression): ts.FunctionLikeDeclaration | undefined => {
    const declaration = symbolOf(callee)?.valueDeclaration;
    if (!declaration) return undefined;
    if (isFunctionLike(declaration)) return declaration;
    if (ts.isVariableDeclaration(declaration) && declaration.initializer && isFunctionLike(unwrap(declaration.initializer) as ts.Node)) {
      return unwrap(declaration.initializer) as ts.FunctionLikeDeclaration;
    }
    return undefined;
  };

  const parameterValues = (parameter: ts.ParameterDeclaration): Values => {
    const fn = parameter.parent;
    if (!isFunctionLike(fn)) return undefined;
    const index = fn.parameters.indexOf(parameter);
    const sites = calls.filter((call) => functionOf(call.expression) === fn);
    if (sites.length === 0) return undefined;
    const values: string[] = [];
    for (const site of sites) {
      const argument = site.arguments[index] ?? parameter.initializer;
      const found = argument ? resolve(argument) : [];
      if (!found) return undefined;
      values.push(...found);
    }
    return values;
  };

  const propertyValues = (name: string): Values => {
    const givers = properties.filter((property) => property.name.getText() === name);
    if (givers.length === 0) return undefined;
    const values: string[] = [];
    for (const giver of givers) {
      const found = ts.isPropertyAssignment(giver) ? resolve(giver.initializer) : resolveSymbol(checker.getShorthandAssignmentValueSymbol(giver));
      if (!found) return undefined;
      values.push(...found);
    }
    return values;
  };

  const resolveSymbol = (symbol: ts.Symbol | undefined): Values => {
    const declaration = symbol?.valueDeclaration;
    if (!declaration) return undefined;
    if (ts.isParameter(declaration)) return parameterValues(declaration);
    const constant = ts.isVariableDeclaration(declaration) && ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const;
    if (constant && declaration.initializer) return resolve(declaration.initializer);
    return undefined;
  };

  const all = (parts: Values[]): Values => (parts.every((part) => part !== undefined) ? parts.flat() : undefined);

  function resolve(node: ts.Expression): Values {
    const expression = unwrap(node);
    if (active.has(expression)) return [];
    active.add(expression);
    try {
      const typed = literals(checker.getTypeAtLocation(expression));
      if (typed) return typed;
      if (ts.isIdentifier(expression) && expression.text === 'undefined') return [];
      if (ts.isConditionalExpression(expression)) return all([resolve(expression.whenTrue), resolve(expression.whenFalse)]);
      if (ts.isBinaryExpression(expression) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(expression.operatorToken.kind)) {
        return all([resolve(expression.left), resolve(expression.right)]);
      }
      if (ts.isTemplateExpression(expression)) return templateValues(expression);
      if (ts.isIdentifier(expression)) return resolveSymbol(symbolOf(expression));
      if (ts.isPropertyAccessExpression(expression)) return propertyValues(expression.name.text);
      if (ts.isCallExpression(expression)) {
        const fn = functionOf(expression.expression);
        return fn ? all(returnsOf(fn).map(resolve)) : undefined;
      }
      return undefined;
    } finally {
      active.delete(expression);
    }
  }

  function templateValues(template: ts.TemplateExpression): Values {
    let values: string[] = [template.head.text];
    for (const span of template.templateSpans) {
      const parts = resolve(span.expression) ?? (values.length === 1 && template.templateSpans.length === 1 ? families[values[0]!] : undefined);
      if (!parts) return undefined;
      values = values.flatMap((prefix) => parts.map((part) => `${prefix}${part}${span.literal.text}`));
    }
    return values;
  }

  const isI18nMethod = (callee: ts.Expression): boolean => {
    const declaration = symbolOf(ts.isPropertyAccessExpression(callee) ? callee.name : callee)?.valueDeclaration;
    return declaration !== undefined && ts.isMethodDeclaration(declaration) && declaration.name.getText() === 't' && ts.isClassDeclaration(declaration.parent) && declaration.parent.name?.text === 'I18n';
  };

  const keys = new Map<string, Set<string>>();
  let translateCalls = 0;
  for (const call of calls) {
    if (call.getSourceFile().fileName.endsWith('/src/i18n.ts')) continue;
    const translate = checker.getTypeAtLocation(call.expression).aliasSymbol?.name === 'Translate';
    const index = translate ? 0 : isI18nMethod(call.expression) ? 1 : -1;
    if (index < 0) continue;
    translateCalls += 1;
    const argument = call.arguments[index];
    const found = argument ? resolve(argument) : undefined;
    if (!found) {
      unresolved.push(`${where(call)}: ${argument?.getText() ?? '(no key)'}`);
      continue;
    }
    for (const key of found) {
      if (!keys.has(key)) keys.set(key, new Set());
      keys.get(key)!.add(where(call));
    }
  }
  return { keys, unresolved, calls: translateCalls };
}
