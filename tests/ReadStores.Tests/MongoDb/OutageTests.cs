using Leads.Projections;
using Leads.Projections.MongoDb;
using Leads.ReadStores.Tests.Support;
using Leads.Testing;
using Leads.Views;
using Leads.Views.MongoDb;
using Polly.CircuitBreaker;

namespace Leads.ReadStores.Tests.MongoDb;

/// <summary>
/// MongoDB down (a port nobody listens on; the real driver tries it): store calls are retried, then the circuit opens
/// and calls fail at once; the projector on it reports itself faulted with the reason while its lag grows.
/// </summary>
public sealed class OutageTests : IAsyncDisposable
{
    private static readonly MongoProjectionOptions Down = new("mongodb://127.0.0.1:9/leads?connectTimeoutMS=200")
    {
        Retries = 1,
        RetryDelay = TimeSpan.FromMilliseconds(1),
        ServerSelectionTimeout = TimeSpan.FromMilliseconds(200),
        BreakDuration = TimeSpan.FromSeconds(30),
    };

    private readonly EventLog _log = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_to_an_unreachable_server_time_out_after_a_retry_then_the_circuit_opens()
    {
        var store = new MongoLeadViewStore(MongoConnection.OpenDatabase(Down), Down);

        var first = await Record.ExceptionAsync(() => store.ReadCheckpointAsync(Ct));
        var second = await Record.ExceptionAsync(() => store.GetLeadAsync(1, Ct));
        var third = await Record.ExceptionAsync(() => store.GetLeadAsync(1, Ct));

        Assert.IsType<TimeoutException>(first);
        Assert.IsType<BrokenCircuitException>(third);
        Assert.NotNull(second);
    }

    [Fact]
    public async Task A_projector_on_an_unreachable_store_reports_faulted_with_the_reason_and_its_lag()
    {
        var store = new MongoLeadViewStore(MongoConnection.OpenDatabase(Down), Down);
        await _log.AppendAsync(1410, EventLog.Story1410);
        await using var projector = new RunningProjector<LeadReadModel>(LeadReadModelProjection.Definition, _log.Events, store);

        await Eventually.IsTrueAsync(() => Task.FromResult(projector.Projector.State == ProjectorState.Faulted), TimeSpan.FromSeconds(60), "the projector to report the outage", Ct);

        var status = await projector.Projector.ReadStatusAsync(Ct);
        Assert.Equal((ProjectorState.Faulted, (Leads.EventStore.GlobalPosition?)null, 8UL), (status.State, status.Checkpoint, status.LagEvents));
        Assert.False(string.IsNullOrEmpty(status.LastError));
    }

    public ValueTask DisposeAsync() => _log.DisposeAsync();
}
