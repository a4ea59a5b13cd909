using System.Globalization;
using System.Text;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Writing;

/// <summary>
/// The one printer from syntax tree to Bicep text: two-space indent, LF line ends, one blank line between
/// statements, a single trailing newline. Output depends only on the tree (invariant culture, no clock).
/// </summary>
public static class BicepWriter
{
    private const string Indent = "  ";

    public static string Write(BicepFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var writer = new Writer();
        var first = true;
        foreach (var statement in file.Statements)
        {
            if (!first)
            {
                writer.NewLine();
            }
            first = false;
            WriteStatement(writer, statement);
        }
        return writer.ToString();
    }

    public static string Write(BicepParamFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var writer = new Writer();
        writer.Append("using ").Append(BicepStrings.Quote(file.UsingPath)).NewLine();
        foreach (var assignment in file.Assignments)
        {
            writer.NewLine();
            writer.Append("param ").Append(assignment.Name).Append(" = ");
            WriteExpression(writer, assignment.Value);
            writer.NewLine();
        }
        return writer.ToString();
    }

    /// <summary>Prints one expression on its own (objects and arrays span lines at indent level zero).</summary>
    public static string Write(BicepExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var writer = new Writer();
        WriteExpression(writer, expression);
        return writer.ToString();
    }

    /// <summary>Whether <paramref name="name"/> can be written as an unquoted property key.</summary>
    public static bool IsIdentifier(string name) => BicepIdentifier.IsValid(name);

    private static void WriteStatement(Writer w, BicepStatement statement)
    {
        foreach (var decorator in statement.Decorators)
        {
            w.Append('@').Append(decorator.Name).Append('(');
            WriteArguments(w, decorator.Arguments);
            w.Append(')').NewLine();
        }
        if (!statement.DisabledLinterRules.IsEmpty)
        {
            w.Append("#disable-next-line ").Append(string.Join(' ', statement.DisabledLinterRules)).NewLine();
        }

        switch (statement)
        {
            case TargetScopeStatement scope:
                w.Append("targetScope = ").Append(BicepStrings.Quote(scope.Scope));
                break;
            case ParameterStatement p:
                w.Append("param ").Append(p.Name).Append(' ').Append(p.Type);
                if (p.DefaultValue is not null)
                {
                    w.Append(" = ");
                    WriteExpression(w, p.DefaultValue);
                }
                break;
            case VariableStatement v:
                w.Append("var ").Append(v.Name).Append(" = ");
                WriteExpression(w, v.Value);
                break;
            case ResourceStatement r:
                w.Append("resource ").Append(r.Name).Append(' ')
                    .Append(BicepStrings.Quote(r.Type + "@" + r.ApiVersion))
                    .Append(r.IsExisting ? " existing = " : " = ");
                WriteCondition(w, r.Condition);
                WriteExpression(w, r.Body);
                break;
            case OutputStatement o:
                w.Append("output ").Append(o.Name).Append(' ').Append(o.Type).Append(" = ");
                WriteExpression(w, o.Value);
                break;
            default:
                throw new NotSupportedException($"No printer for statement {statement.GetType().Name}.");
        }
        w.NewLine();
    }

    private static void WriteCondition(Writer w, BicepExpression? condition)
    {
        if (condition is null)
        {
            return;
        }
        w.Append("if (");
        WriteExpression(w, condition);
        w.Append(") ");
    }

    private static void WriteArguments(Writer w, IEnumerable<BicepExpression> arguments)
    {
        var first = true;
        foreach (var argument in arguments)
        {
            if (!first)
            {
                w.Append(", ");
            }
            first = false;
            WriteExpression(w, argument);
        }
    }

    private static void WriteExpression(Writer w, BicepExpression expression)
    {
        switch (expression)
        {
            case StringLiteral s:
                w.Append(BicepStrings.Quote(s.Value));
                break;
            case IntegerLiteral i:
                w.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case BooleanLiteral b:
                w.Append(b.Value ? "true" : "false");
                break;
            case NullLiteral:
                w.Append("null");
                break;
            case InterpolatedString interpolated:
                WriteInterpolation(w, interpolated);
                break;
            case ObjectExpression obj:
                WriteObject(w, obj);
                break;
            case ArrayExpression array:
                WriteArray(w, array);
                break;
            case ReferenceExpression reference:
                w.Append(reference.Symbol);
                break;
            case MemberAccessExpression member:
                WriteTarget(w, member.Target);
                if (IsIdentifier(member.MemberName))
                {
                    w.Append('.').Append(member.MemberName);
                }
                else
                {
                    w.Append('[').Append(BicepStrings.Quote(member.MemberName)).Append(']');
                }
                break;
            case IndexExpression index:
                WriteTarget(w, index.Target);
                w.Append('[');
                WriteExpression(w, index.IndexValue);
                w.Append(']');
                break;
            case FunctionCallExpression call:
                if (call.Namespace is not null)
                {
                    w.Append(call.Namespace).Append('.');
                }
                w.Append(call.Name).Append('(');
                WriteArguments(w, call.Arguments);
                w.Append(')');
                break;
            case InstanceFunctionCallExpression call:
                WriteTarget(w, call.Target);
                w.Append('.').Append(call.Name).Append('(');
                WriteArguments(w, call.Arguments);
                w.Append(')');
                break;
            case TernaryExpression ternary:
                WriteOperand(w, ternary.Condition);
                w.Append(" ? ");
                WriteOperand(w, ternary.WhenTrue);
                w.Append(" : ");
                WriteOperand(w, ternary.WhenFalse);
                break;
            case BinaryExpression binary:
                WriteOperand(w, binary.Left);
                w.Append(' ').Append(OperatorText(binary.Operator)).Append(' ');
                WriteOperand(w, binary.Right);
                break;
            case UnaryExpression { Operator: UnaryOperator.NonNullAssertion } assertion:
                WriteTarget(w, assertion.Operand);
                w.Append('!');
                break;
            case UnaryExpression unary:
                w.Append(unary.Operator == UnaryOperator.Not ? "!" : "-");
                WriteOperand(w, unary.Operand);
                break;
            case SecureSinkExpression sink:
                WriteExpression(w, sink.Inner);
                break;
            default:
                throw new NotSupportedException($"No printer for expression {expression.GetType().Name}.");
        }
    }

    /// <summary>Operands of operators are parenthesised when they are operators themselves: precedence is never left to the reader.</summary>
    private static void WriteOperand(Writer w, BicepExpression operand) =>
        WriteParenthesisedIf(w, operand, inner => inner is BinaryExpression or TernaryExpression || inner is IntegerLiteral { Value: < 0 });

    /// <summary>
    /// The target of <c>.member</c>, <c>[index]</c> or <c>.fn()</c> binds tighter than any operator, so unary operators
    /// are parenthesised too: <c>(!x).y</c> is not <c>!x.y</c>.
    /// </summary>
    private static void WriteTarget(Writer w, BicepExpression target) =>
        WriteParenthesisedIf(w, target, inner => inner is BinaryExpression or TernaryExpression or UnaryExpression { Operator: not UnaryOperator.NonNullAssertion }
            || inner is IntegerLiteral { Value: < 0 });

    private static void WriteParenthesisedIf(Writer w, BicepExpression operand, Func<BicepExpression, bool> needsParenthesesWhen)
    {
        var inner = operand is SecureSinkExpression sink ? sink.Inner : operand;
        var needsParentheses = needsParenthesesWhen(inner);
        if (needsParentheses)
        {
            w.Append('(');
            WriteExpression(w, inner);
            w.Append(')');
        }
        else
        {
            WriteExpression(w, inner);
        }
    }

    private static void WriteInterpolation(Writer w, InterpolatedString interpolated)
    {
        w.Append('\'');
        foreach (var segment in MergeAdjacentText(interpolated.Segments))
        {
            switch (segment)
            {
                case TextSegment text:
                    w.Append(BicepStrings.Escape(text.Text));
                    break;
                case ExpressionSegment hole:
                    w.Append("${");
                    WriteExpression(w, hole.Expression);
                    w.Append('}');
                    break;
                default:
                    throw new NotSupportedException($"No printer for segment {segment.GetType().Name}.");
            }
        }
        w.Append('\'');
    }

    /// <summary>
    /// Joins neighbouring text segments before escaping: escaped one by one, 'a$' followed by '{b' would print
    /// <c>a${b</c> and open an interpolation that was never meant.
    /// </summary>
    private static IEnumerable<InterpolationSegment> MergeAdjacentText(IEnumerable<InterpolationSegment> segments)
    {
        StringBuilder? pending = null;
        foreach (var segment in segments)
        {
            if (segment is TextSegment text)
            {
                (pending ??= new StringBuilder()).Append(text.Text);
                continue;
            }
            if (pending is not null)
            {
                yield return new TextSegment(pending.ToString());
                pending = null;
            }
            yield return segment;
        }
        if (pending is not null)
        {
            yield return new TextSegment(pending.ToString());
        }
    }

    private static void WriteObject(Writer w, ObjectExpression obj)
    {
        if (obj.Properties.IsEmpty)
        {
            w.Append("{}");
            return;
        }
        w.Append('{').NewLine();
        w.Depth++;
        foreach (var property in obj.Properties)
        {
            if (property.ComputedKey is not null)
            {
                WriteInterpolation(w, property.ComputedKey);
            }
            else
            {
                w.Append(IsIdentifier(property.Name) ? property.Name : BicepStrings.Quote(property.Name));
            }
            w.Append(": ");
            WriteExpression(w, property.Value);
            w.NewLine();
        }
        w.Depth--;
        w.Append('}');
    }

    private static void WriteArray(Writer w, ArrayExpression array)
    {
        if (array.Items.IsEmpty)
        {
            w.Append("[]");
            return;
        }
        w.Append('[').NewLine();
        w.Depth++;
        foreach (var item in array.Items)
        {
            WriteExpression(w, item);
            w.NewLine();
        }
        w.Depth--;
        w.Append(']');
    }

    private static string OperatorText(BinaryOperator op) => op switch
    {
        BinaryOperator.Equals => "==",
        BinaryOperator.NotEquals => "!=",
        BinaryOperator.EqualsCaseInsensitive => "=~",
        BinaryOperator.NotEqualsCaseInsensitive => "!~",
        BinaryOperator.LessThan => "<",
        BinaryOperator.LessThanOrEqual => "<=",
        BinaryOperator.GreaterThan => ">",
        BinaryOperator.GreaterThanOrEqual => ">=",
        BinaryOperator.And => "&&",
        BinaryOperator.Or => "||",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Coalesce => "??",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>Accumulates text and writes indentation lazily at the start of each line.</summary>
    private sealed class Writer
    {
        private readonly StringBuilder _text = new();
        private bool _atLineStart = true;

        public int Depth { get; set; }

        public Writer Append(string text)
        {
            IndentIfNeeded();
            _text.Append(text);
            return this;
        }

        public Writer Append(char c)
        {
            IndentIfNeeded();
            _text.Append(c);
            return this;
        }

        public Writer NewLine()
        {
            _text.Append('\n');
            _atLineStart = true;
            return this;
        }

        public override string ToString() => _text.ToString();

        private void IndentIfNeeded()
        {
            if (!_atLineStart)
            {
                return;
            }
            _atLineStart = false;
            for (var i = 0; i < Depth; i++)
            {
                _text.Append(Indent);
            }
        }
    }
}
