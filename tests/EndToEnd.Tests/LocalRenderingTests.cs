using Provisioning.Environments.Model;
using Provisioning.Local;

namespace Provisioning.EndToEnd.Tests;

/// <summary>
/// The local stack is a rendering of the catalogue, not a second list: every app component runs, and every variable
/// the catalogue gives a component reaches it, secrets included, except what has no local counterpart (Azure
/// plumbing) or is left unset on purpose (optional and switched-on secrets, see <see cref="LocalSecrets"/>).
/// </summary>
[TestClass]
public sealed class LocalRenderingTests
{
    private static LocalStack Stack => StackFixture.Stack;

    [TestMethod]
    public void Every_app_component_of_the_catalogue_runs_in_the_local_stack()
    {
        var apps = TodoSystem.Components.Where(c => c.Kind == WorkloadKind.App).Select(c => c.Name).ToList();

        foreach (var app in apps)
        {
            Assert.IsNotNull(LocalComponents.Command(StackFixture.Paths, app, 1),
                $"{app} is an app of the catalogue but {StackFixture.Paths.FixtureOf(app)} has no server.mjs or app.py to run");
            Assert.IsTrue(Stack.IsRunning(app), $"{app} is not running in the local stack");
        }
    }

    [TestMethod]
    public void Every_variable_and_secret_of_the_catalogue_reaches_its_component_locally()
    {
        var system = TodoSystem.Description;
        var unset = system.SecureParameters.Where(p => p.Optional || p.When is not null).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var component in system.Components)
        {
            var variables = Stack.VariablesOf(component.Name);
            foreach (var variable in component.Variables)
            {
                var expected = variable.Source switch
                {
                    PlatformValue or WorkloadNames => false,
                    SecretValue s => !system.Secret(s.Secret).Content.Parameters.Any(unset.Contains),
                    _ => true,
                };
                Assert.AreEqual(expected, variables.ContainsKey(variable.Name), $"{component.Name}: {variable.Name} ({variable.Source.GetType().Name})");
            }
        }
    }
}
