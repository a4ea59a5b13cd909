namespace Provisioning.Deployment;

/// <summary>
/// One stage of a deployment: what it makes true before the next one starts, why the order matters (with the source
/// that says so), and how long a first deployment typically waits in it.
/// </summary>
/// <param name="Name">The stage's name on the command line (<c>deploy --stage &lt;name&gt;</c>).</param>
/// <param name="Guarantee">What holds once the stage has ended, which later stages rely on.</param>
/// <param name="Source">The documentation behind the ordering.</param>
/// <param name="FirstDeploymentWait">Typical wait in this stage on a first deployment, e.g. "10–15 min".</param>
public sealed record DeploymentStage(string Name, string Guarantee, string Source, string FirstDeploymentWait)
{
    public override string ToString() => Name;
}
