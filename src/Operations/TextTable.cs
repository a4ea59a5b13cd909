using System.Text;

namespace Provisioning.Operations;

/// <summary>A plain-text table with aligned columns (right-aligned where asked), for terminal output and README snippets.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public HashSet<int> RightAligned { get; } = [];

    public int Count => rows.Count;

    public TextTable Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        rows.Add(cells);
        return this;
    }

    public string Write(string indent = "")
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        var text = new StringBuilder();
        Line(headers);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows)
        {
            Line(row);
        }
        return text.ToString();

        void Line(string[] cells)
        {
            text.Append(indent);
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = i < cells.Length ? cells[i] : string.Empty;
                var last = i == widths.Length - 1;
                text.Append(RightAligned.Contains(i) ? cell.PadLeft(widths[i]) : last ? cell : cell.PadRight(widths[i]));
                if (!last)
                {
                    text.Append("  ");
                }
            }
            text.Append('\n');
        }
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
