using System.Diagnostics;
using Grpc.Core;
using Leads.Contracts.V1;
using Leads.EventStore.Sqlite;
using Leads.EventStore;
using Leads.Projections.Telemetry;
using Leads.Projections;
using Leads.Search.Lucene;
using Leads.Search;
using Leads.Testing;
using Leads.Views.Sqlite;
using Leads.Views;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry.Trace;
using OpenTelemetry;

namespace EndToEnd.Tests.Tracing;

/// <summary>
/// One trace from a command to every projection of its events, across processes: commands sent to the real command
/// service process under a caller's W3C trace context are stored with their span's context in the event metadata;
/// the view and search projections (run here, with an in-memory OpenTelemetry exporter) apply each event in a span of
/// that same trace, child of the command's span, and link it from their commit spans.
/// </summary>
public sealed class CommandTraceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_command_trace_continues_in_both_projections_of_its_events()
    {
        using var directory = new TempDirectory();
        var initializeTrace = ActivityTraceId.CreateRandom();
        var convertTrace = ActivityTraceId.CreateRandom();
        await using (var commands = await ServiceProcess.StartAsync("Leads.CommandService", new Dictionary<string, string> { ["Leads:DataDirectory"] = directory.Path }, cancellationToken: Ct))
        {
            var client = new LeadCommands.LeadCommandsClient(commands.Channel);
            await client.InitializeLeadAsync(
                new InitializeLeadRequest { LeadId = 1410, Name = "Stefan", Email = "stefan@old.example", Phone = "03-27243457" },
                TraceHeaders(initializeTrace), cancellationToken: Ct);
            await client.ChangeStatusAsync(
                new ChangeStatusRequest { LeadId = 1410, Status = Leads.Contracts.V1.LeadStatus.Converted },
                TraceHeaders(convertTrace), cancellationToken: Ct);
        }

        await using var events = new SqliteEventStore(directory.File("events.db"));
        var stored = await events.ReadStreamAsync("lead-1410", ReadDirection.Forwards, StreamPosition.Start, 100, Ct).ToListAsync(Ct);
        Assert.True(stored.Count >= 2, $"the commands stored {stored.Count} events");
        var traces = stored.Select(e => ActivityContext.Parse(e.Metadata.TraceParent!, null).TraceId).Distinct().ToList();
        Assert.Equal(new[] { initializeTrace, convertTrace }, traces);

        var spans = new List<Activity>();
        using (Sdk.CreateTracerProviderBuilder().AddSource(ProjectionTelemetry.SourceName).AddInMemoryExporter(spans).Build())
        {
            var head = stored[^1].Position;
            // The command service sealed the personal data with the lead's key (keys.db beside events.db): read as the projectors do.
            var codec = new Leads.Privacy.LeadEventCodec(new Leads.Privacy.Sqlite.SqliteLeadKeyStore(Leads.Privacy.Sqlite.SqliteLeadKeyStore.FileIn(directory.Path)));
            await ProjectAsync(new Projector<LeadReadModel>(
                LeadReadModelProjection.For(codec), events, new SqliteLeadViewStore(directory.File("views.db")), new ProjectorOptions(), NullLogger<Projector<LeadReadModel>>.Instance), head);
            using var index = new LuceneLeadSearchIndex(new LuceneSearchIndexOptions(directory.File("search")));
            await ProjectAsync(new Projector<LeadSearchDocument>(
                LeadSearchProjection.For(codec), events, index, new ProjectorOptions(), NullLogger<Projector<LeadSearchDocument>>.Instance), head);
        }

        foreach (var recorded in stored)
        {
            var written = ActivityContext.Parse(recorded.Metadata.TraceParent!, null);
            foreach (var projection in new[] { LeadReadModelProjection.Name, LeadSearchProjection.Name })
            {
                var span = Assert.Single(spans, s =>
                    s.DisplayName == $"project {projection}" && (string?)s.GetTagItem("leads.position") == recorded.Position.ToString());
                Assert.Equal(written.TraceId, span.TraceId);
                Assert.Equal(written.SpanId, span.ParentSpanId);
                Assert.Equal(recorded.EventType, (string?)span.GetTagItem("leads.event.type"));
                Assert.Contains(spans, s => s.DisplayName == $"commit {projection}" && s.Links.Any(l => l.Context.TraceId == written.TraceId));
            }
        }
    }

    /// <summary>A caller's W3C trace context for one call, as an instrumented client would send it.</summary>
    private static Metadata TraceHeaders(ActivityTraceId traceId) =>
        new() { { "traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01" } };

    private static async Task ProjectAsync(IProjector projector, GlobalPosition head)
    {
        using var stop = new CancellationTokenSource();
        var run = projector.RunAsync(stop.Token);
        await projector.WaitForPositionAsync(head, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await stop.CancelAsync();
        await run;
    }
}
