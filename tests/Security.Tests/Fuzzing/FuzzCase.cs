using Google.Protobuf.Reflection;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>The <paramref name="Index"/>-th generated request of a run: replay it with the run's seed and this index.</summary>
public sealed record FuzzCase(int Index, MethodDescriptor Rpc, string Category, Hostile Request)
{
    public string Describe() =>
        $"#{Index} {Rpc.Service.Name}.{Rpc.Name} [{Category}] {Request.Detail} ({Request.Payload.Length} bytes)";
}
