namespace Provisioning.Probes;

/// <summary>How one check ended. Names match docs/contract.md ("pass, fail, security-fail, skipped").</summary>
public enum CheckOutcome
{
    Pass,
    Fail,
    /// <summary>The component answered in a way that breaks authentication (e.g. accepted a forged token); never a flake.</summary>
    SecurityFail,
    /// <summary>Not judged because a check it depends on did not pass: one root cause, one alert.</summary>
    Skipped,
}
