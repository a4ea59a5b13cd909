using System.Text;

namespace Provisioning.Operations;

/// <summary>A plain-text table with aligned columns (right-aligned where asked), for terminal output and README snippets.</summary>
public sealed class TextTable(params string[] headers)
{
    // A column is not narrowed below this: narrower, a sentence becomes a word per line.
    private const int NarrowestWrappedColumn = 16;

    private readonly List<string[]> rows = [];

    public HashSet<int> RightAligned { get; } = [];

    public int Count => rows.Count;

    public TextTable Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        rows.Add(cells);
        return this;
    }

    /// <param name="indent">Put before every line.</param>
    /// <param name="maxWidth">
    /// The widest line allowed (the terminal's width): the widest columns are narrowed, and their cells wrapped at word
    /// boundaries onto continuation lines, until the table fits. Null: every row on one line, however long.
    /// </param>
    public string Write(string indent = "", int? maxWidth = null)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        if (maxWidth is { } max)
        {
            Narrow(widths, max - indent.Length - 2 * (widths.Length - 1));
        }
        var text = new StringBuilder();
        Row(headers);
        Row(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows)
        {
            Row(row);
        }
        return text.ToString();

        void Row(string[] cells)
        {
            var wrapped = widths.Select((w, i) => Wrap(i < cells.Length ? cells[i] : string.Empty, w)).ToArray();
            for (var line = 0; line < wrapped.Max(w => w.Count); line++)
            {
                var parts = new string[widths.Length];
                for (var i = 0; i < widths.Length; i++)
                {
                    var cell = line < wrapped[i].Count ? wrapped[i][line] : string.Empty;
                    parts[i] = RightAligned.Contains(i) ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]);
                }
                text.Append(indent).Append(string.Join("  ", parts).TrimEnd()).Append('\n');
            }
        }
    }

    /// <summary>Narrows the widest columns, one character at a time, until their sum fits <paramref name="available"/>.</summary>
    private void Narrow(int[] widths, int available)
    {
        while (widths.Sum() > available)
        {
            var widest = Enumerable.Range(0, widths.Length)
                .Where(i => !RightAligned.Contains(i) && widths[i] > NarrowestWrappedColumn)
                .DefaultIfEmpty(-1)
                .MaxBy(i => i < 0 ? -1 : widths[i]);
            if (widest < 0)
            {
                return;
            }
            widths[widest]--;
        }
    }

    /// <summary>The cell's text in lines of at most <paramref name="width"/>, broken at spaces (a longer word is cut).</summary>
    private static List<string> Wrap(string cell, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in cell.Split(' '))
        {
            var rest = word;
            while (rest.Length > width)
            {
                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                lines.Add(rest[..width]);
                rest = rest[width..];
            }
            if (line.Length > 0 && line.Length + 1 + rest.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            line.Append(line.Length > 0 ? " " : string.Empty).Append(rest);
        }
        lines.Add(line.ToString());
        return lines;
    }

    /// <summary>The same rows as a Markdown table.</summary>
    public string Markdown()
    {
        var text = new StringBuilder();
        text.Append("| ").Append(string.Join(" | ", headers)).Append(" |\n");
        text.Append('|').Append(string.Join('|', headers.Select((_, i) => RightAligned.Contains(i) ? "---:" : "---"))).Append("|\n");
        foreach (var row in rows)
        {
            text.Append("| ").Append(string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
        }
        return text.ToString();
    }
}
