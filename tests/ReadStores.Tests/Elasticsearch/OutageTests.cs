using Leads.EventStore;
using Leads.Projections;
using Leads.ReadStores.Tests.Support;
using Leads.Search;
using Leads.Testing;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>
/// The search projector (the real runtime) on an Elasticsearch node that goes down and comes back: it reports itself
/// faulted with the store's error while its lag grows, and after recovery every event is there, none twice.
/// </summary>
public sealed class OutageTests : IAsyncDisposable
{
    private readonly EventLog _log = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_outage_faults_the_projector_with_the_reason_and_recovery_resumes_from_the_checkpoint_with_nothing_lost()
    {
        var node = new FakeNode(retries: 1);
        await _log.AppendAsync(1, new Domain.Events.LeadWasInitialized(1));
        await using var projector = new RunningProjector<LeadSearchDocument>(LeadSearchProjection.Definition, _log.Events, node.Index);
        await projector.CatchUpAsync();
        node.Handler.Unreachable = true;

        var head = await _log.AppendAsync(1410, EventLog.Story1410);
        await Eventually.IsTrueAsync(() => Task.FromResult(projector.Projector.State == ProjectorState.Faulted), TimeSpan.FromSeconds(30), "the projector to report the outage", Ct);
        var down = await projector.Projector.ReadStatusAsync(Ct);
        node.Handler.Unreachable = false;
        await projector.Projector.WaitForPositionAsync(head, Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Equal((ProjectorState.Faulted, true, true), (down.State, down.LastError?.Contains("Elasticsearch", StringComparison.Ordinal) == true || down.LastError?.Contains("circuit", StringComparison.OrdinalIgnoreCase) == true, down.LagEvents > 0));
        var lastWrite = node.Handler.Requests
            .Where(r => r.Path == "/_bulk" && r.Body!.Contains("\"_id\":\"lead-1410\"", StringComparison.Ordinal))
            .Select(r => r.Lines.First(l => l.Contains("lead-1410", StringComparison.Ordinal)))
            .Last();
        Json.Equal("{\"index\":{\"_index\":\"leads-search-v1\",\"_id\":\"lead-1410\",\"version\":" + head.Commit + ",\"version_type\":\"external\"}}", lastWrite);
        Assert.Equal(head, await Checkpoint(node));
    }

    private static Task<GlobalPosition?> Checkpoint(FakeNode node)
    {
        var last = node.Handler.To("PUT", "/leads-search-v1/_doc/checkpoint").Last();
        var json = System.Text.Json.Nodes.JsonNode.Parse(last.Body!)!;
        return Task.FromResult<GlobalPosition?>(GlobalPosition.FromSequence((ulong)json["posCommit"]!.GetValue<long>()));
    }

    public ValueTask DisposeAsync() => _log.DisposeAsync();
}
