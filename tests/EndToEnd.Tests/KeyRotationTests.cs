using Provisioning.Environments.Model;
using Provisioning.Local;
using Provisioning.Probes;

namespace Provisioning.EndToEnd.Tests;

/// <summary>
/// A JWT key rotation as the contract describes it, end to end: new key current and old key previous, deploy (here:
/// restart the backend first, mcp later, as a rolling deployment would), nothing fails during the window; then
/// previous removed and the backend restarted: the old key is refused.
/// </summary>
[TestClass]
public sealed class KeyRotationTests
{
    private static LocalStack Stack => StackFixture.Stack;

    [TestMethod]
    public async Task Tokens_of_either_key_work_during_the_window_and_the_old_key_is_refused_after_it()
    {
        var oldKey = Stack.Secrets.JwtSecretKey;
        var newKey = LocalSecrets.NewJwtSecretKey();
        try
        {
            // Window opens: only the backend has been redeployed; mcp still signs with the old key.
            Stack.Secrets = Stack.Secrets with { JwtSecretKey = newKey, JwtSecretKeyPrevious = oldKey };
            await Stack.RestartComponentAsync(TodoSystem.Backend);
            Assert.AreEqual(oldKey, Stack.VariablesOf(TodoSystem.Backend)["JWT_SECRET_KEY_PREVIOUS"]);

            E2eProbe.AllGreen(await E2eProbe.RunAsync(Stack, jwtSecretKey: oldKey));
            E2eProbe.AllGreen(await E2eProbe.RunAsync(Stack, jwtSecretKey: newKey));
            Assert.AreEqual(200, (await Api.GetTasksAsync(Stack, "rotation", Api.CSharpToken(oldKey, "rotation"))).Status, "C# token, old key");
            Assert.AreEqual(200, (await Api.GetTasksAsync(Stack, "rotation", Api.CSharpToken(newKey, "rotation"))).Status, "C# token, new key");
            Assert.AreEqual(200, (await Api.GetTasksAsync(Stack, "rotation", await Api.NodeTokenAsync(oldKey, "rotation"))).Status, "JS token, old key");
            Assert.AreEqual(200, (await Api.GetTasksAsync(Stack, "rotation", await Api.NodeTokenAsync(newKey, "rotation"))).Status, "JS token, new key");

            // The rest of the deployment rolls out: mcp and frontend now sign with the new key.
            await Stack.RestartComponentAsync(TodoSystem.Mcp);
            await Stack.RestartComponentAsync(TodoSystem.Frontend);
            E2eProbe.AllGreen(await E2eProbe.RunAsync(Stack));

            // Window closes: previous removed, backend redeployed.
            Stack.Secrets = Stack.Secrets with { JwtSecretKeyPrevious = null };
            await Stack.RestartComponentAsync(TodoSystem.Backend);
            Assert.IsFalse(Stack.VariablesOf(TodoSystem.Backend).ContainsKey("JWT_SECRET_KEY_PREVIOUS"));

            var (status, body) = await Api.GetTasksAsync(Stack, "rotation", Api.CSharpToken(oldKey, "rotation"));
            Assert.AreEqual(401, status, body);
            StringAssert.Contains(body, "Signature verification failed");
            Assert.AreEqual(401, (await Api.GetTasksAsync(Stack, "rotation", await Api.NodeTokenAsync(oldKey, "rotation"))).Status, "JS token, old key");
            E2eProbe.OnlyRed(await E2eProbe.RunAsync(Stack, jwtSecretKey: oldKey),
                new Expected(CheckNames.BackendAuthAccepts, CheckOutcome.Fail, FailureKind.Status, "JWT_SECRET_KEY differ"));
            E2eProbe.AllGreen(await E2eProbe.RunAsync(Stack));
        }
        finally
        {
            // Whatever happened, leave one consistent key everywhere for the other scenarios.
            Stack.Secrets = Stack.Secrets with { JwtSecretKeyPrevious = null };
            foreach (var component in LocalStack.HttpComponents)
            {
                await Stack.RestartComponentAsync(component);
            }
        }
    }
}
