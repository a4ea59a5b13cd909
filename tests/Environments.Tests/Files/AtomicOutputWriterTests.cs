using Provisioning.Environments.Files;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Files;

[TestClass]
public sealed class AtomicOutputWriterTests
{
    [TestMethod]
    public void Replaces_environment_folders_whole_and_leaves_other_folders_alone()
    {
        var root = TestFolders.NewTemp("atomic");
        Directory.CreateDirectory(Path.Combine(root, "dev"));
        File.WriteAllText(Path.Combine(root, "dev", "stale.bicep"), "from an older layout");
        Directory.CreateDirectory(Path.Combine(root, "database"));
        File.WriteAllText(Path.Combine(root, "database", "migrations.sql"), "owned by the database project");

        AtomicOutputWriter.Write(root, [new("dev/main.bicep", "new"), new("prod/main.bicep", "new prod")]);

        CollectionAssert.AreEquivalent(new[] { "main.bicep" }, Directory.GetFiles(Path.Combine(root, "dev")).Select(Path.GetFileName).ToArray());
        Assert.AreEqual("new prod", File.ReadAllText(Path.Combine(root, "prod", "main.bicep")));
        Assert.AreEqual("owned by the database project", File.ReadAllText(Path.Combine(root, "database", "migrations.sql")));
        CollectionAssert.AreEquivalent(new[] { "database", "dev", "prod" }, Directory.GetDirectories(root).Select(Path.GetFileName).ToArray(), "no staging folder may remain");
    }

    [TestMethod]
    public void A_swap_that_fails_half_way_puts_every_folder_back()
    {
        var root = TestFolders.NewTemp("atomic");
        foreach (var env in new[] { "dev", "prod" })
        {
            Directory.CreateDirectory(Path.Combine(root, env));
            File.WriteAllText(Path.Combine(root, env, "main.bicep"), "old " + env);
        }
        // A file where the third folder must go makes its rename fail after dev and prod were swapped.
        File.WriteAllText(Path.Combine(root, "staging"), "in the way");

        Assert.ThrowsExactly<IOException>(() => AtomicOutputWriter.Write(root,
            [new("dev/main.bicep", "new dev"), new("prod/main.bicep", "new prod"), new("staging/main.bicep", "new staging")]));

        Assert.AreEqual("old dev", File.ReadAllText(Path.Combine(root, "dev", "main.bicep")));
        Assert.AreEqual("old prod", File.ReadAllText(Path.Combine(root, "prod", "main.bicep")));
        Assert.AreEqual("in the way", File.ReadAllText(Path.Combine(root, "staging")));
        CollectionAssert.AreEquivalent(new[] { "dev", "prod" }, Directory.GetDirectories(root).Select(Path.GetFileName).ToArray(), "no staging folder may remain");
    }
}
