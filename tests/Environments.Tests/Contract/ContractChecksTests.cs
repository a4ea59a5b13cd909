using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Contract;

/// <summary>The contract's check table and the catalogue the probe and the alerts are built from say the same.</summary>
[TestClass]
public sealed class ContractChecksTests
{
    [TestMethod]
    public void The_contracts_check_table_is_the_catalogues_checks_in_order()
    {
        var contract = ContractDocument.Checks();
        var catalogue = TodoSystem.Description.Checks.Select(c => (c.Name, c.Component, (int)c.TimeLimit.TotalSeconds,
            c.Alert == AlertPolicy.AvailabilityAndSecurity ? "availability + security" : "availability")).ToList();

        CollectionAssert.AreEqual(catalogue, contract.ToList());
    }
}
