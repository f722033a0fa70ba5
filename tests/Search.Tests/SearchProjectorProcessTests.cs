using Leads.EventStore;
using Leads.EventStore.Sqlite;
using Leads.Search.Lucene;
using Leads.Testing;
using Leads.Testing.Contracts;

namespace Leads.Search.Tests;

/// <summary>
/// The search projector as its own process on a data directory, and a read-only reader in this process on its index
/// folder, as the query service reads it.
/// </summary>
public sealed class SearchProjectorProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _data = new("leads-search-");
    private SqliteEventStore _events = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private LuceneSearchIndexOptions IndexOptions => new(Path.Combine(_data.Path, "search"));

    public ValueTask InitializeAsync()
    {
        UseRepositoryRootAsWorkingDirectory();
        _events = new SqliteEventStore(Path.Combine(_data.Path, "events.db"));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _events.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_reader_in_another_process_finds_lead_1410_by_its_old_phone()
    {
        await using var projector = await StartProjectorAsync();
        using var reader = new LuceneLeadSearchReader(IndexOptions);

        await LeadEvents.AppendByLeadAsync(_events, SearchLeads.Story1410, Cancel);

        var hit = await Eventually.ReturnsAsync(
            async () => (await reader.SearchAsync(SearchQuery.Parse("03-27243457", 10).Value!, Cancel)).SingleOrDefault(),
            Deadline, "lead 1410 to be found", Cancel);
        Assert.Equal((1410L, MatchedField.Phone, true), (hit.LeadId, hit.MatchedField, hit.Historical));
    }

    [Fact]
    public async Task Killed_during_catch_up_and_restarted_it_converges_to_the_full_index()
    {
        var head = await LeadEvents.AppendByLeadAsync(_events, [.. SearchLeads.Story1410, .. EventLog.Generated(3_000)], Cancel);
        using var reader = new LuceneLeadSearchReader(IndexOptions);

        await using (var first = await StartProjectorAsync())
        {
            await Eventually.IsTrueAsync(async () => await reader.ReadCheckpointAsync(Cancel) is not null, Deadline, "a first commit", Cancel);
            await first.KillAsync();
        }

        await using var second = await StartProjectorAsync();
        await Eventually.IsTrueAsync(async () => await reader.ReadCheckpointAsync(Cancel) >= head, Deadline, "the index to reach the head", Cancel);

        var all = await reader.SearchAsync(SearchQuery.Parse("lead", 100).Value!, Cancel);
        var old = await reader.SearchAsync(SearchQuery.Parse("lead12999@old.example", 10).Value!, Cancel);
        Assert.Equal((100, 10_000L, 12_999L, true), (all.Count, all[0].LeadId, Assert.Single(old).LeadId, old[0].Historical));
    }

    /// <summary>
    /// Built under LEADS_ARTIFACTS, the test binaries are outside the tree and the test host runs in their folder;
    /// <see cref="RepositoryPaths"/> then finds the repository from the working directory, so point it there.
    /// </summary>
    private static void UseRepositoryRootAsWorkingDirectory()
    {
        var root = typeof(SearchProjectorProcessTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
        if (!File.Exists(Path.Combine(Environment.CurrentDirectory, "Microservices.sln")))
        {
            Environment.CurrentDirectory = root;
        }
    }

    private async Task<ServiceProcess> StartProjectorAsync() =>
        await ServiceProcess.StartAsync("Leads.SearchProjector", new Dictionary<string, string>
        {
            ["Leads:DataDirectory"] = _data.Path,
            ["Kestrel:EndpointDefaults:Protocols"] = "Http2", // so the start waits on grpc.health.v1 over cleartext HTTP/2
        }, cancellationToken: Cancel);
}
