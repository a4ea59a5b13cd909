using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Validation;

/// <summary>
/// What can be known about a name before deployment: its literal text, how many <c>uniqueString(…)</c> calls it holds
/// (each yields 13 lowercase letters or digits) and how many other parts are unknown until deployment.
/// </summary>
/// <param name="LiteralText">The literal segments joined (unknown parts left out).</param>
/// <param name="Sample">A possible final name: literal text with each <c>uniqueString</c> replaced by <see cref="UniqueStringSample"/>; only meaningful when <see cref="IsExact"/>.</param>
public sealed record NameEstimate(string LiteralText, int UniqueStringCount, int UnknownPartCount, string Sample)
{
    /// <summary>uniqueString() always returns 13 characters.</summary>
    public const int UniqueStringLength = 13;

    /// <summary>A worst case for character rules: uniqueString() output may start and end with a digit.</summary>
    public const string UniqueStringSample = "0abcdefghij12";

    /// <summary>The length when <see cref="IsExact"/>, otherwise a lower bound.</summary>
    public int Length => LiteralText.Length + UniqueStringLength * UniqueStringCount;

    /// <summary>Every part is literal text or a uniqueString() call, so <see cref="Length"/> is the final length.</summary>
    public bool IsExact => UnknownPartCount == 0;

    /// <summary>Estimates a name expression: a string literal, or an interpolation of text, string literals and uniqueString() calls; anything else is an unknown part.</summary>
    public static NameEstimate Of(BicepExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var literal = new System.Text.StringBuilder();
        var sample = new System.Text.StringBuilder();
        int unique = 0, unknown = 0;
        void Add(BicepExpression part)
        {
            switch (part)
            {
                case StringLiteral s:
                    literal.Append(s.Value);
                    sample.Append(s.Value);
                    break;
                case FunctionCallExpression { Name: "uniqueString", Namespace: null or "sys" }:
                    unique++;
                    sample.Append(UniqueStringSample);
                    break;
                case InterpolatedString interpolated:
                    foreach (var segment in interpolated.Segments)
                    {
                        switch (segment)
                        {
                            case TextSegment text:
                                literal.Append(text.Text);
                                sample.Append(text.Text);
                                break;
                            case ExpressionSegment hole:
                                Add(hole.Expression);
                                break;
                        }
                    }
                    break;
                default:
                    unknown++;
                    break;
            }
        }
        Add(expression);
        return new NameEstimate(literal.ToString(), unique, unknown, sample.ToString());
    }
}
