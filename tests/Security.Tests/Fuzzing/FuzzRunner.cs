using System.Collections.Concurrent;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// Makes case after case from the seed and sends each as raw bytes to the service that serves its RPC, many at a
/// time, recording the status each got and every answer that breaks its case's <see cref="Expectation"/>.
/// </summary>
public sealed class FuzzRunner(long seed, FuzzContext context, Func<MethodDescriptor, CallInvoker> invokerFor)
{
    private static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    public OutcomeTable Outcomes { get; } = new();

    public ConcurrentBag<string> Violations { get; } = [];

    /// <summary>Case <paramref name="index"/> of this seed: the same case on every run.</summary>
    public FuzzCase Make(int index)
    {
        var random = FuzzSeed.ForCase(seed, index);
        var rpc = RpcFuzzers.ContractRpcs[random.Next(RpcFuzzers.ContractRpcs.Count)];
        var attacks = RpcFuzzers.All[rpc.FullName].Attacks(rpc);
        var attack = Weighted(random, attacks);
        return new FuzzCase(index, rpc, attack.Category, attack.Make(context, random));
    }

    public async Task RunAsync(int count, int concurrency, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (index, token) => await SendAsync(Make(index), token));
    }

    public async Task<StatusCode> SendAsync(FuzzCase hostile, CancellationToken cancellationToken)
    {
        var (status, trailers) = await RawCalls.SendAsync(
            invokerFor(hostile.Rpc), hostile.Rpc, hostile.Request.Payload, hostile.Request.Deadline ?? DefaultDeadline, cancellationToken);
        Outcomes.Add(hostile.Category, $"{hostile.Rpc.Service.Name}.{hostile.Rpc.Name}", status.StatusCode);
        if (hostile.Request.Expect.Violation(status.StatusCode) is { } violation)
        {
            Violations.Add($"{hostile.Describe()}: {violation}{(status.Detail.Length > 0 ? $" \"{Shorten(status.Detail)}\"" : "")}");
        }
        else if (hostile.Request.Field is { } field && status.StatusCode == StatusCode.InvalidArgument && trailers.GetValue("field") != field)
        {
            Violations.Add($"{hostile.Describe()}: InvalidArgument naming '{trailers.GetValue("field")}' where '{field}' was expected \"{Shorten(status.Detail)}\"");
        }

        return status.StatusCode;
    }

    private static Attack Weighted(Random random, IReadOnlyList<Attack> attacks)
    {
        var point = random.NextDouble() * attacks.Sum(a => a.Weight);
        foreach (var attack in attacks)
        {
            point -= attack.Weight;
            if (point < 0)
            {
                return attack;
            }
        }

        return attacks[^1];
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
