// `lianxin/no-role-checks`: who may do what is decided in packages/core (policy.ts: named actions
// and `can`; visibility.ts: one scope per resource). Everywhere else a role check — an account's
// roles searched for a role, a value of the role type compared with a role name — is an error:
// ask `can(actor, action, target)` / `authorize(...)`, or the resource's `visibility(...)`.
//
// The rule is type-aware, so it tells a role from the same word used for something else
// (`subject === 'deputy'` of an evaluation, `config.roles.includes('web')` of a process): it
// fires only on expressions whose type is the account role (all five names: `'admin' |
// 'supervisor' | …`, i.e. core's `Role`) or a collection of it. Files without type information
// are skipped.

import ts from 'typescript';

const ROLES = new Set(['admin', 'supervisor', 'staff', 'deputy', 'department']);
/** Methods that search a collection. */
const SEARCHES = new Set(['includes', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'indexOf', 'lastIndexOf', 'has']);
const EQUALITY = new Set(['===', '!==', '==', '!=']);

/** The literal members of a type (itself, or each member of a union); null when one is not a string literal. */
function stringLiterals(type) {
  const parts = type.isUnion() ? type.types : [type];
  const values = [];
  for (const part of parts) {
    if (part.isStringLiteral()) values.push(part.value);
    // null and undefined ride along with optional roles without making them less of a role
    else if (!(part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) return null;
  }
  return values;
}

/**
 * Whether a type is the account role: exactly the five role names (optionally with null or
 * undefined). A narrower union of the same words — an assignment target `'department' | 'deputy'`,
 * a candidate source — is something else.
 */
function isRoleType(type) {
  const values = stringLiterals(type);
  return !!values && new Set(values).size === ROLES.size && values.every((v) => ROLES.has(v));
}

/** Whether a type is an array, tuple or set of roles (every element a role). */
function isRoleCollection(checker, type) {
  const parts = type.isUnion() ? type.types : [type];
  const ofRoles = (elements) => elements.length > 0 && elements.every((t) => isRoleType(t));
  return parts.some((part) => {
    if (checker.isArrayType(part) || checker.isTupleType(part)) return ofRoles(checker.getTypeArguments(part));
    const name = part.getSymbol()?.getName();
    if (name === 'Set' || name === 'ReadonlySet') return ofRoles(checker.getTypeArguments(part));
    return false;
  });
}

/** @type {import('eslint').Rule.RuleModule} */
const noRoleChecks = {
  meta: {
    type: 'problem',
    docs: { description: 'forbid role checks outside packages/core: ask a named policy (`can`) or a visibility instead' },
    messages: {
      roleCheck:
        'Role check outside packages/core: decide with a named policy (`can(actor, action, target)` / `authorize`) or a resource visibility (`visibility(resource, actor)`) from @lianxin/core.',
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program || !services.esTreeNodeToTSNodeMap) return {};
    const checker = services.program.getTypeChecker();
    // A variable's declared type, not the type control flow narrowed it to: after ruling out
    // 'office' and 'station', `as === 'deputy'` compares a proposer kind, not a role.
    const typeOf = (node) => {
      const tsNode = services.esTreeNodeToTSNodeMap.get(node);
      if (node.type === 'Identifier') {
        const symbol = checker.getSymbolAtLocation(tsNode);
        const declaration = symbol?.valueDeclaration;
        if (symbol && declaration) return checker.getTypeOfSymbolAtLocation(symbol, declaration);
      }
      return checker.getTypeAtLocation(tsNode);
    };
    const isRoleLiteral = (node) => node.type === 'Literal' && typeof node.value === 'string' && ROLES.has(node.value);

    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        if (!SEARCHES.has(callee.property.name)) return;
        const [first] = node.arguments;
        if (isRoleCollection(checker, typeOf(callee.object)) || (first && first.type !== 'SpreadElement' && isRoleType(typeOf(first)))) {
          context.report({ node, messageId: 'roleCheck' });
        }
      },
      BinaryExpression(node) {
        if (!EQUALITY.has(node.operator)) return;
        const [literal, other] = isRoleLiteral(node.right) ? [node.right, node.left] : isRoleLiteral(node.left) ? [node.left, node.right] : [null, null];
        if (literal && other.type !== 'PrivateIdentifier' && isRoleType(typeOf(other))) context.report({ node, messageId: 'roleCheck' });
      },
      SwitchCase(node) {
        if (node.test && isRoleLiteral(node.test) && isRoleType(typeOf(node.parent.discriminant))) context.report({ node, messageId: 'roleCheck' });
      },
    };
  },
};

export default { meta: { name: 'lianxin' }, rules: { 'no-role-checks': noRoleChecks } };
