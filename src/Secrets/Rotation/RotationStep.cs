namespace Provisioning.Secrets.Rotation;

/// <summary>One step of a rotation: what it does, in words an operator can check, and the action.</summary>
/// <param name="Done">Already done by an earlier, interrupted run: a re-run skips it and says so.</param>
public sealed record RotationStep(string Description, Func<CancellationToken, Task> Action, bool Done = false);

/// <summary>A rotation of one secret or login, as the steps it will take from the vault's current state.</summary>
/// <param name="Note">Where the plan starts and why (a fresh rotation, or one resumed); never a value.</param>
public sealed record RotationPlan(string Subject, string Note, IReadOnlyList<RotationStep> Steps)
{
    /// <summary>Prints the plan (<c>--dry-run</c>).</summary>
    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"{Subject}: {Note}");
        for (var i = 0; i < Steps.Count; i++)
        {
            output.WriteLine($"  {i + 1}. {(Steps[i].Done ? "(done) " : "")}{Steps[i].Description}");
        }
    }

    private static string Took(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.0} min" : $"{span.TotalSeconds:0.0} s";

    /// <summary>Runs the steps not yet done in order, each announced before it starts and confirmed after.</summary>
    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"{Subject}: {Note}");
        for (var i = 0; i < Steps.Count; i++)
        {
            // An interruption lands between steps where it can: each step's state is in the vault when it ends.
            cancellationToken.ThrowIfCancellationRequested();
            var step = Steps[i];
            var label = $"  {i + 1}/{Steps.Count}";
            if (step.Done)
            {
                output.WriteLine($"{label} skipped, done by an earlier run: {step.Description}");
                continue;
            }
            output.WriteLine($"{label} {step.Description}");
            var took = System.Diagnostics.Stopwatch.StartNew();
            await step.Action(cancellationToken).ConfigureAwait(false);
            output.WriteLine($"{label} done ({Took(took.Elapsed)})");
        }
    }
}
