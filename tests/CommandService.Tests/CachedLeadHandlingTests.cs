using EventMetadata = Leads.EventStore.EventMetadata;
using Leads.CommandService.ChangeName;
using Leads.CommandService.Handling;
using Leads.CommandService.InitializeLead;
using Leads.CommandService.SetFollowup;
using Leads.Contracts.V1;
using Leads.Domain.Events;
using Leads.Domain;
using Leads.EventStore.Sqlite;
using Leads.EventStore;
using Leads.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Leads.CommandService.Tests;

/// <summary>
/// The handler with its state cache, in process, while another writer (a second store on the same file, as another
/// service process would be) appends to the same lead: every decision is taken on the lead as it is in the store.
/// </summary>
public sealed class CachedLeadHandlingTests : IAsyncLifetime
{
    private const long LeadId = 42;
    private readonly TempDirectory _data = new();
    private readonly LeadStateCache _cache = new();
    private Leads.Privacy.LeadEventCodec _codec = null!;
    private SqliteEventStore _store = null!;
    private SqliteEventStore _otherWriter = null!;
    private LeadCommandService _service = null!;

    public async ValueTask InitializeAsync()
    {
        var path = Path.Combine(_data.Path, "events.db");
        _store = new SqliteEventStore(path);
        _otherWriter = new SqliteEventStore(path);
        _codec = new Leads.Privacy.LeadEventCodec(new Leads.Privacy.Sqlite.SqliteLeadKeyStore(Leads.Privacy.Sqlite.SqliteLeadKeyStore.FileIn(_data.Path)));
        _service = new LeadCommandService(
            new CommandIdempotency(new CommandLog(_store), new CommandKeyLocks(), _codec),
            new LeadWriter(_store, _codec, _cache, TimeProvider.System, NullLogger<LeadWriter>.Instance),
            new LeadWriteLocks(),
            new CrashPoints(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()),
            TimeProvider.System);
        var initialized = await HandleAsync(new InitializeLeadRequest { LeadId = LeadId, Name = "Ada", Email = "ada@example.com", Phone = "+1 555 0100" }.ToIncoming());
        Assert.IsType<CommandOutcome.Accepted>(initialized);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        await _otherWriter.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_command_after_another_writer_appended_is_decided_on_the_lead_including_that_append()
    {
        var cached = _cache.Find(LeadId)!.Revision;
        await AppendElsewhereAsync(new NameChanged(LeadId, "Grace"), cached, EventMetadata.Empty);

        var reply = Accepted(await HandleAsync(new ChangeNameRequest { LeadId = LeadId, Name = "Grace" }.ToIncoming()));

        Assert.Equal((true, cached + 1), (reply.NoOp, reply.Revision));
    }

    [Fact]
    public async Task A_command_appends_at_the_revision_after_another_writers_append()
    {
        var cached = _cache.Find(LeadId)!.Revision;
        await AppendElsewhereAsync(new NameChanged(LeadId, "Grace"), cached, EventMetadata.Empty);

        var reply = Accepted(await HandleAsync(new ChangeNameRequest { LeadId = LeadId, Name = "Hedy" }.ToIncoming()));

        Assert.Equal(cached + 2, reply.Revision);
    }

    [Fact]
    public async Task A_command_the_remembered_lead_would_refuse_is_accepted_when_another_writer_made_it_allowed()
    {
        var cached = _cache.Find(LeadId)!.Revision;
        await AppendElsewhereAsync(new StatusChanged(LeadId, Domain.LeadStatus.FollowUp), cached, EventMetadata.Empty);

        var reply = Accepted(await HandleAsync(new SetFollowupRequest { LeadId = LeadId, FollowupOn = "2030-01-02" }.ToIncoming()));

        Assert.Equal(cached + 2, reply.Revision);
    }

    [Fact]
    public async Task A_command_the_remembered_lead_would_call_a_no_op_is_appended_when_another_writer_changed_the_lead()
    {
        var cached = _cache.Find(LeadId)!.Revision;
        await AppendElsewhereAsync(new NameChanged(LeadId, "Grace"), cached, EventMetadata.Empty);

        var reply = Accepted(await HandleAsync(new ChangeNameRequest { LeadId = LeadId, Name = "Ada" }.ToIncoming()));

        Assert.Equal((false, cached + 2), (reply.NoOp, reply.Revision));
    }

    [Fact]
    public async Task A_stale_expected_revision_still_finds_the_conflicting_event_before_the_remembered_revision()
    {
        var seen = _cache.Find(LeadId)!.Revision;
        Accepted(await HandleAsync(new ChangeNameRequest { LeadId = LeadId, Name = "Grace" }.ToIncoming()));

        var outcome = await HandleAsync(new ChangeNameRequest { LeadId = LeadId, Name = "Hedy", ExpectedRevision = seen }.ToIncoming());

        var conflict = Assert.IsType<CommandOutcome.Conflicted>(outcome);
        Assert.Equal([new MissedEvent(seen + 1, LeadEventTypes.NameChanged)], conflict.Conflicts);
    }

    [Fact]
    public async Task A_retried_key_whose_events_another_process_appended_without_a_record_gets_the_original_reply()
    {
        // Another process appended the command's events and stopped before recording the key.
        var retry = new ChangeNameRequest { LeadId = LeadId, Name = "Grace", CommandId = "crashed-elsewhere" }.ToIncoming();
        var before = _cache.Find(LeadId)!.Revision;
        // As the service stores it: keyed by the lead's data key.
        var fingerprint = await _codec.KeyedDigestAsync(LeadId, retry.Fingerprint, create: false, TestContext.Current.CancellationToken);
        var metadata = new EventMetadata { CommandId = retry.CommandId, CommandFingerprint = fingerprint };
        await AppendElsewhereAsync(new NameChanged(LeadId, "Grace"), before, metadata, CommandKey.EventId(retry.CommandId!, LeadStream.Name(LeadId), 0));

        // This process reads that event while handling an unrelated command, so it remembers a later revision.
        Accepted(await HandleAsync(new ChangeNameRequest { LeadId = LeadId, Name = "Hedy" }.ToIncoming()));
        var reply = Accepted(await HandleAsync(retry));

        Assert.Equal((false, before + 1), (reply.NoOp, reply.Revision));
    }

    private Task<CommandOutcome> HandleAsync(IncomingCommand command) =>
        _service.HandleAsync(command, CallerContext.Unknown, TestContext.Current.CancellationToken);

    private static CommandReply Accepted(CommandOutcome outcome) => Assert.IsType<CommandOutcome.Accepted>(outcome).Reply;

    private async Task AppendElsewhereAsync(ILeadEvent e, ulong expected, EventMetadata metadata, Guid? eventId = null)
    {
        var data = new EventData(eventId ?? Guid.CreateVersion7(), LeadEventTypes.Of(e), LeadEventSerializer.Serialize(e), metadata);
        var result = await _otherWriter.AppendAsync(
            LeadStream.Name(LeadId), ExpectedRevision.Exact(expected), [data], TestContext.Current.CancellationToken);
        Assert.IsType<AppendResult.Success>(result);
    }
}
