namespace Provisioning.Probes;

/// <summary>How one check ended. Names match docs/contract.md ("pass, fail, security-fail, skipped", and "not-run" outside).</summary>
public enum CheckOutcome
{
    Pass,
    Fail,
    /// <summary>The component answered in a way that breaks authentication (e.g. accepted a forged token); never a flake.</summary>
    SecurityFail,
    /// <summary>Not judged because a check it depends on did not pass: one root cause, one alert.</summary>
    Skipped,
    /// <summary>
    /// Not run at all, by the caller's choice: the probe runs outside the environment and the check needs a component
    /// only reachable inside it. Judges nothing, so it neither passes nor fails a run.
    /// </summary>
    NotRun,
}
