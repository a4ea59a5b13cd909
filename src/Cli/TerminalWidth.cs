namespace Provisioning.Cli;

/// <summary>How wide the text of a command may be: tables wrap to it so a line never runs past the right edge.</summary>
internal static class TerminalWidth
{
    /// <summary>Used when the output is not a terminal (a file, a pipe, a test) and COLUMNS is not set.</summary>
    public const int Default = 120;

    // Narrower than this, the tables' fixed columns alone no longer fit, and wrapping would only make them harder to read.
    private const int Narrowest = 60;

    /// <summary>
    /// COLUMNS when set (shells export it; a pipeline can set it), else the console's width when
    /// <paramref name="output"/> is the console, else <see cref="Default"/>.
    /// </summary>
    public static int For(TextWriter output)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0)
        {
            return Math.Max(columns, Narrowest);
        }
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
        {
            try
            {
                return Math.Max(Console.WindowWidth, Narrowest);
            }
            catch (IOException)
            {
                // No console after all (e.g. a detached process): the default below.
            }
        }
        return Default;
    }
}
