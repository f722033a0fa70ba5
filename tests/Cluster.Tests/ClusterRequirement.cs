using Leads.Testing;

namespace Cluster.Tests;

/// <summary>
/// Whether these tests can start a cluster here: without the node script they skip with the reason, except where
/// <c>ESDB_REQUIRED=1</c> (CI) says a real cluster is part of the run: then they fail.
/// </summary>
public static class ClusterRequirement
{
    public static void SkipUnlessAvailable()
    {
        if (EventStoreDbNodes.SkipReason is not { } reason)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("ESDB_REQUIRED") == "1")
        {
            Assert.Fail("ESDB_REQUIRED=1 but the cluster cannot start: " + reason);
        }

        Assert.Skip(reason);
    }
}
