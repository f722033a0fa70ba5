using System.Globalization;

namespace Leads.Deploy.Tests.Containers;

/// <summary>
/// EventStoreDB 24.10 in a container on the host network, in memory, insecure, one node, on the given node (HTTP and
/// gRPC) and replication ports: never 2113, which other nodes on this machine use. The stand-in image has no
/// HEALTHCHECK, so the container gets one that asks <c>/health/live</c> the way the service images ask theirs.
/// </summary>
public static class EventStoreContainer
{
    public const string Image = "eventstore/eventstore:24.10";

    public static ContainerSpec Spec(string name, string runLabel, int nodePort, int replicationPort) => new(name, Image, runLabel)
    {
        Environment = new Dictionary<string, string>
        {
            ["EVENTSTORE_MEM_DB"] = "true",
            ["EVENTSTORE_CLUSTER_SIZE"] = "1",
            ["EVENTSTORE_INSECURE"] = "true",
            ["EVENTSTORE_RUN_PROJECTIONS"] = "None",
            ["EVENTSTORE_NODE_IP"] = "127.0.0.1",
            ["EVENTSTORE_REPLICATION_IP"] = "127.0.0.1",
            ["EVENTSTORE_NODE_PORT"] = nodePort.ToString(CultureInfo.InvariantCulture),
            ["EVENTSTORE_REPLICATION_PORT"] = replicationPort.ToString(CultureInfo.InvariantCulture),
        },
        HealthCommand = "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + nodePort.ToString(CultureInfo.InvariantCulture)
            + " && printf \"GET /health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n\" >&3 && read -r status <&3 && [[ $status == *\" 204 \"* ]]'",
    };

    public static string ConnectionString(int nodePort) => $"esdb://127.0.0.1:{nodePort.ToString(CultureInfo.InvariantCulture)}?tls=false";
}
