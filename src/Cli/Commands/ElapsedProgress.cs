using System.Diagnostics;
using System.Text;

namespace Provisioning.Cli.Commands;

/// <summary>
/// Progress lines for a person waiting on a long start: each line carries the time since the start, so a stage that
/// takes a minute is visibly a stage that takes a minute, not a hang.
/// </summary>
internal sealed class ElapsedProgress(TextWriter inner) : TextWriter
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly StringBuilder line = new();

    public override Encoding Encoding => inner.Encoding;

    public TimeSpan Elapsed => clock.Elapsed;

    public override void Write(char value)
    {
        lock (line)
        {
            if (value == '\n')
            {
                inner.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {line}");
                inner.Flush();
                line.Clear();
            }
            else if (value != '\r')
            {
                line.Append(value);
            }
        }
    }
}
