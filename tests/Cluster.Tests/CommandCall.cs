using Grpc.Core;

namespace Cluster.Tests;

/// <summary>One InitializeLead call of the load: when it started and ended (Stopwatch ticks) and how it was answered.</summary>
public sealed record CommandCall(long LeadId, int Attempt, long Started, long Ended, StatusCode Status, string Message)
{
    public bool Succeeded => Status == StatusCode.OK;
}
