using System.Text;

namespace Provisioning.Operations;

/// <summary>Prose for a terminal: every line longer than the width is broken at spaces, continued under its own indent.</summary>
public static class TextWrap
{
    /// <param name="width">The widest line allowed; null leaves the text as it is.</param>
    public static string Lines(string text, int? width)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (width is not { } max)
        {
            return text;
        }
        var result = new StringBuilder();
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            var indent = line[..(line.Length - line.TrimStart(' ').Length)];
            // A continuation sits two spaces deeper than its line, so it reads as part of it, not as a new item.
            var continuation = indent + "  ";
            var current = new StringBuilder(indent);
            var first = true;
            foreach (var word in line.TrimStart(' ').Split(' '))
            {
                var atStart = current.Length == (first ? indent.Length : continuation.Length);
                if (!atStart && current.Length + 1 + word.Length > max)
                {
                    result.Append(current).Append('\n');
                    current.Clear().Append(continuation);
                    first = false;
                    atStart = true;
                }
                current.Append(atStart ? string.Empty : " ").Append(word);
            }
            result.Append(current);
            if (n < lines.Length - 1)
            {
                result.Append('\n');
            }
        }
        return result.ToString();
    }
}
