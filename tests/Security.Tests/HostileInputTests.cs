using System.Diagnostics;
using Leads.Security.Tests.Fuzzing;

namespace Leads.Security.Tests;

/// <summary>
/// Issue 10, hostile input: thousands of generated malformed requests across every RPC of LeadCommands, LeadQueries
/// and ProjectionAdmin, sent to the real service processes. Every answer is a well-formed gRPC status that refuses
/// what must be refused (never Internal, never Unknown), every service is still alive and healthy afterwards with no
/// unhandled exception in its output, and the event store is byte for byte what it was before the hostile phase.
/// Seeded: the seed is printed; <c>LEADS_FUZZ_SEED</c> replays a run, <c>LEADS_FUZZ_COUNT</c> changes its size.
/// </summary>
public abstract class HostileInputTests(HostilePlatform platform)
{
    private const int DefaultCount = 10_000;
    private const int Concurrency = 32;
    private static readonly string[] CrashMarkers = ["Unhandled exception", "fail:", "crit:", "Exception was thrown by handler"];
    private readonly HostilePlatform platform = platform.Running();

    [Fact]
    public async Task Ten_thousand_malformed_requests_are_refused_with_precise_statuses_and_write_nothing()
    {
        var token = TestContext.Current.CancellationToken;
        var output = TestContext.Current.TestOutputHelper!;
        var seed = FuzzSeed.Current;
        var count = FuzzSeed.Count(DefaultCount);
        output.WriteLine($"hostile input: seed {seed} ({count} requests); replay with {FuzzSeed.Variable}={seed}");

        var context = await ValidPhase.RunAsync(platform, token);
        var before = await EventStoreSnapshot.TakeAsync(platform.Store, token);

        var runner = new FuzzRunner(seed, context, rpc => ServiceCallInvokers.For(platform.Serving(rpc.Service.FullName)));
        var clock = Stopwatch.StartNew();
        await runner.RunAsync(count, Concurrency, token);
        clock.Stop();

        var after = await EventStoreSnapshot.TakeAsync(platform.Store, token);
        var table = runner.Outcomes.Render();
        output.WriteLine($"{runner.Outcomes.Total} requests in {clock.Elapsed.TotalSeconds:0.0} s, {runner.Violations.Count} violations");
        output.WriteLine(table);
        WriteSummaryFile(seed, count, clock.Elapsed, table, runner.Violations);
        output.WriteLine(before.Sha256 == after.Sha256
            ? $"event store unchanged by the hostile phase: {after.Events.Count} events, sha256 {after.Sha256}"
            : $"event store CHANGED by the hostile phase: {before.DifferenceTo(after)}");

        Assert.Equal(count, runner.Outcomes.Total);
        Assert.True(runner.Violations.IsEmpty,
            $"seed {seed}: {runner.Violations.Count} answers broke their expectation:{Environment.NewLine}"
            + string.Join(Environment.NewLine, runner.Violations.OrderBy(v => v, StringComparer.Ordinal).Take(60)));
        Assert.True(before.Sha256 == after.Sha256, $"seed {seed}: the hostile phase changed the event store: {before.DifferenceTo(after)}");
        await AssertServicesHealthyAsync(token);
    }

    private async Task AssertServicesHealthyAsync(CancellationToken cancellationToken)
    {
        foreach (var service in platform.Services)
        {
            Assert.False(service.HasExited, $"{service.Name} exited:{Environment.NewLine}{platform.Logs()}");
            await service.WaitUntilServingAsync(TimeSpan.FromSeconds(15), cancellationToken);
            var crash = CrashMarkers.FirstOrDefault(m => service.RecentOutput.Contains(m, StringComparison.Ordinal));
            Assert.True(crash is null, $"{service.Name} logged '{crash}':{Environment.NewLine}{service.RecentOutput}");
        }
    }

    private static void WriteSummaryFile(long seed, int count, TimeSpan elapsed, string table, IEnumerable<string> violations)
    {
        var folder = Environment.GetEnvironmentVariable("LEADS_ARTIFACTS") is { Length: > 0 } artifacts ? artifacts : Path.GetTempPath();
        var path = Path.Combine(folder, "hostile-input-summary.md");
        File.WriteAllText(path, $"seed {seed}, {count} requests, {elapsed.TotalSeconds:0.0} s{Environment.NewLine}{Environment.NewLine}{table}"
            + $"{Environment.NewLine}violations:{Environment.NewLine}{string.Join(Environment.NewLine, violations.OrderBy(v => v, StringComparer.Ordinal))}{Environment.NewLine}");
        TestContext.Current.TestOutputHelper?.WriteLine($"summary written to {path}");
    }

    [Collection(SqliteHostileCollection.Name)]
    public sealed class OnSqlite(SqliteHostilePlatform platform) : HostileInputTests(platform);

    [Collection(EventStoreDbHostileCollection.Name)]
    public sealed class OnEventStoreDb(EventStoreDbHostilePlatform platform) : HostileInputTests(platform);
}
